package dev.ppo.tf;

import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.PolicyExport;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.objective.PpoLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * An actor-critic model and its Adam optimizer in one TensorFlow graph (graph mode: gradients
 * exist only there), run through one {@link Session}.
 *
 * <h2>Calls</h2>
 * {@link #forward} is one {@code Session.run} with one fetch, a packed {@code [n, width + 1]}
 * tensor (distribution parameters, then V(s)); {@link #train} is one {@code Session.run} that
 * applies the update and fetches the packed statistics. Input tensors and runners are prepared
 * once per batch size and reused. Not thread-safe: one caller at a time.
 *
 * <h2>Variables</h2>
 * {@link #exportVariables()} returns, in this order (float32, row-major):
 * <ul>
 *   <li>separate networks ({@code shared = false}): for a convolutional network first
 *       {@code actor/c0/w}, {@code actor/c0/b}, …, {@code actor/c<k>/w|b}; then {@code actor/l0/w},
 *       {@code actor/l0/b}, …, {@code actor/l<k>/w|b}, {@code actor/head/w}, {@code actor/head/b},
 *       then for a Box action space {@code actor/log_std} {@code [d]}, then the critic the same way:
 *       ({@code critic/c0/w}, …), {@code critic/l0/w}, {@code critic/l0/b}, …,
 *       {@code critic/head/w} {@code [h, 1]}, {@code critic/head/b} {@code [1]};</li>
 *   <li>a shared trunk: ({@code trunk/c0/w}, {@code trunk/c0/b}, …), {@code trunk/l0/w},
 *       {@code trunk/l0/b}, …, for a recurrent network {@code trunk/lstm/wx} {@code [in, 4H]},
 *       {@code trunk/lstm/wh} {@code [H, 4H]} and {@code trunk/lstm/b} {@code [4H]} (gates i, f, g, o),
 *       then {@code actor/head/w|b}, ({@code actor/log_std}), {@code critic/head/w|b};</li>
 *   <li>then per trained variable above, Adam's {@code <name>/adam_m} and {@code <name>/adam_v}
 *       (same shape), and last {@code adam/step}, a scalar (shape {@code []}) counting updates.</li>
 * </ul>
 * An observation row is first multiplied by {@link dev.ppo.api.network.NetworkSpec#inputScale()}.
 * Convolutional layers ({@code c<i>}) read it as an {@code [H, W, C]} image (HWC, C order, from
 * {@link ModelSpec#observationShape()}); kernels {@code c<i>/w} have shape
 * {@code [kernel, kernel, in, filters]} and a layer computes a VALID (unpadded) strided
 * cross-correlation {@code y[p, q, o] = b[o] + Σ_{i, j, k} x[p·s + i, q·s + j, k]·w[i, j, k, o]}
 * followed by the activation; the last feature map is flattened in HWC order.
 * Dense kernels {@code w} have shape {@code [in, out]} and a layer computes {@code y = x·w + b} with
 * {@code x} a row vector, so {@code y[j] = b[j] + Σ_i x[i]·w[i·out + j]}. Hidden layers apply the
 * network's activation (tanh or ReLU), heads are linear. The policy head outputs n logits
 * (Discrete) or d means (Box, σ = exp(log_std)); the critic head outputs V(s). This is all the
 * runner needs to evaluate a small policy in plain Java from the exported weights.
 *
 * <h2>Acting</h2>
 * With {@code java_forward} (the default) the network acts in plain Java ({@link JavaForward}):
 * no call overhead, and the same bits on every CPU, which TensorFlow's ISA-dispatched kernels do
 * not give; otherwise it acts through the graph.
 *
 * <h2>Initialization</h2>
 * Orthogonal weights computed in Java from {@link ModelSpec#seed()} (gain √2 for hidden and conv
 * layers, 0.01 policy head, 1 value head; each layer from its own seed stream), zero biases,
 * log-std {@link ModelSpec#initLogStd()}, zero Adam state.
 */
public final class TfBackend implements Backend {

    private static final System.Logger LOG = System.getLogger(TfBackend.class.getName());

    private final TfOptions options;
    private final ModelSpec spec;
    private final int observationSize;
    private final int width;
    private final int actionSize;
    /** Floats of recurrent state per row (2H), 0 for a feed-forward network. */
    private final int stateSize;
    private final Graph graph;
    private final Session session;
    private final ModelGraph model;
    private final TFloat32 actorLr = TFloat32.scalarOf(0f);
    private final TFloat32 criticLr = TFloat32.scalarOf(0f);
    private final TFloat32 clipRange = TFloat32.scalarOf(0f);
    private final Map<String, TFloat32> parameterTensors = new LinkedHashMap<>();
    private final SizedCache<ForwardCall> forwardCalls = new SizedCache<>(4, ForwardCall::new);
    private final SizedCache<TrainCall> trainCalls = new SizedCache<>(4, TrainCall::new);
    private final JavaForward javaForward;
    private boolean mirrorStale = true;
    private boolean closed;

    /** Builds the graph and assigns the initial values; use {@link TfBackendProvider} to create one. */
    TfBackend(ModelSpec spec, TfOptions options) {
        this.options = options;
        this.spec = spec;
        this.observationSize = spec.observationSize();
        this.stateSize = 2 * spec.network().lstmHidden();
        this.graph = new Graph();
        Session s = null;
        try {
            model = ModelGraph.build(graph, spec, options.gpu());
            width = model.head().distributionWidth();
            actionSize = model.head().actionSize();
            for (String name : model.train().parameters.keySet()) {
                parameterTensors.put(name, TFloat32.scalarOf(0f));
            }
            javaForward = options.javaForward() ? new JavaForward(spec.network(), spec.observationShape(), width,
                    PolicyHead.Kind.of(spec)) : null;
            s = new Session(graph, false, options.configProto());
            model.io().assignInitial(s);
            session = s;
        } catch (RuntimeException | Error e) {
            if (s != null) {
                s.close();
            }
            graph.close();
            closeScalars();
            throw e;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> description() + ": " + model.store().all().size() + " variables, "
                + model.store().trainable().stream().mapToInt(VariableStore.Variable::size).sum() + " trained floats");
    }

    @Override
    public int distributionWidth() {
        return width;
    }

    @Override
    public int recurrentStateSize() {
        return stateSize;
    }

    @Override
    public void forward(float[] obs, int n, float[] distribution, float[] values) {
        if (stateSize != 0) {
            throw new IllegalStateException("a recurrent network (network.lstm_hidden = " + stateSize / 2
                    + ") acts from a state: call forward(observations, stateIn, n, distribution, values, stateOut)");
        }
        forward(obs, null, n, distribution, values, null);
    }

    @Override
    public void forward(float[] obs, float[] stateIn, int n, float[] distribution, float[] values, float[] stateOut) {
        ensureOpen();
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        requireLength("observations", obs, n * observationSize);
        requireLength("distribution", distribution, n * width);
        requireLength("values", values, n);
        if (stateSize != 0) {
            requireLength("stateIn", stateIn, n * stateSize);
            requireLength("stateOut", stateOut, n * stateSize);
        }
        if (javaForward != null) {
            if (mirrorStale) {
                javaForward.load(model.io().exportModel(session));
                mirrorStale = false;
            }
            javaForward.forward(obs, stateIn, n, distribution, values, stateOut);
            return;
        }
        ForwardCall call = forwardCalls.get(n);
        call.input.write(obs, 0, n * observationSize);
        if (stateSize != 0) {
            call.state.write(stateIn, 0, n * stateSize);
        }
        try (Result r = call.runner.run()) {
            ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(call.output);
        }
        float[] out = call.output;
        int row = width + 1 + stateSize;
        for (int i = 0; i < n; i++) {
            System.arraycopy(out, i * row, distribution, i * width, width);
            values[i] = out[i * row + width];
            if (stateSize != 0) {
                System.arraycopy(out, i * row + width + 1, stateOut, i * stateSize, stateSize);
            }
        }
    }

    @Override
    public TrainStats train(Minibatch batch, TrainInputs inputs) {
        ensureOpen();
        int m = batch.size();
        if (m < 1) {
            throw new IllegalArgumentException("minibatch size must be >= 1, got " + m);
        }
        requireExact("observations", batch.observations(), m * observationSize);
        requireExact("actions", batch.actions(), m * actionSize);
        requireExact("oldLogProbs", batch.oldLogProbs(), m);
        requireExact("oldDistribution", batch.oldDistribution(), m * width);
        requireExact("advantages", batch.advantages(), m);
        requireExact("returns", batch.returns(), m);
        requireExact("oldValues", batch.oldValues(), m);
        if (stateSize != 0) {
            int steps = spec.sequenceLength();
            if (!batch.sequential() || m % steps != 0) {
                throw new IllegalArgumentException("a recurrent network trains on whole sequences of " + steps
                        + " steps with their initial states; got " + m + " rows"
                        + (batch.sequential() ? "" : " without initial states"));
            }
            requireExact("starts", batch.starts(), m);
            requireExact("initialStates", batch.initialStates(), m / steps * stateSize);
        } else if (batch.sequential()) {
            throw new IllegalArgumentException("a feed-forward network takes no initial states in its minibatch");
        }
        if (model.head() instanceof CategoricalHead) {
            // An out-of-range index would one-hot to zeros and silently give log π = 0.
            for (int i = 0; i < m; i++) {
                float a = batch.actions()[i];
                if (!(a >= 0 && a < width && a == Math.rint(a))) {
                    throw new IllegalArgumentException("minibatch action " + a + " at row " + i
                            + " is not an index of Discrete(" + width + ")");
                }
            }
        }
        for (Map.Entry<String, TFloat32> p : parameterTensors.entrySet()) {
            Double v = inputs.parameters().get(p.getKey());
            if (v == null) {
                throw new IllegalArgumentException("the objective uses parameter '" + p.getKey()
                        + "' but TrainInputs.parameters has no value for it (given: "
                        + inputs.parameters().keySet() + ")");
            }
            p.getValue().setFloat(v.floatValue());
        }
        actorLr.setFloat((float) inputs.actorLearningRate());
        criticLr.setFloat((float) inputs.criticLearningRate());
        clipRange.setFloat((float) inputs.clipRange());

        TrainCall call = trainCalls.get(m);
        call.write(batch);
        mirrorStale = true;
        float[] s = new float[TrainGraph.STATS];
        try (Result r = call.runner.run()) {
            ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(s);
        }
        Map<PpoLoss.Term, Double> terms = new java.util.EnumMap<>(PpoLoss.Term.class);
        for (PpoLoss.Term t : PpoLoss.Term.values()) {
            terms.put(t, (double) s[t.ordinal()]);
        }
        return new TrainStats(terms, s[TrainGraph.GRAD_NORM]);
    }

    @Override
    public void setLogStd(double logStd) {
        ensureOpen();
        VariableStore.Variable v = model.store().all().stream().filter(x -> x.name().equals("actor/log_std"))
                .findFirst().orElseThrow(() -> new UnsupportedOperationException("a categorical policy has no log-std"));
        if (v.trainable()) {
            throw new UnsupportedOperationException("the log-std is learned (ModelSpec.learnLogStd); it cannot be set");
        }
        float[] values = new float[v.size()];
        java.util.Arrays.fill(values, (float) logStd);
        model.io().assign(session, "actor/log_std", values);
        mirrorStale = true;
    }

    @Override
    public List<VariableState> exportVariables() {
        ensureOpen();
        return model.io().export(session);
    }

    @Override
    public void importVariables(List<VariableState> variables) {
        ensureOpen();
        model.io().importVariables(session, variables);
        mirrorStale = true;
    }

    @Override
    public List<String> exportFormats() {
        // A SavedModel of a recurrent policy would need the state as an input and an output; not written yet.
        return stateSize != 0 ? List.of() : List.of(PolicyExport.SAVED_MODEL);
    }

    @Override
    public void exportPolicy(PolicyExport export, Path dir) throws IOException {
        ensureOpen();
        if (stateSize != 0) {
            throw new UnsupportedOperationException("a recurrent policy (network.lstm_hidden = " + stateSize / 2
                    + ") cannot be exported yet: the SavedModel signature has no state input");
        }
        if (!PolicyExport.SAVED_MODEL.equals(export.format())) {
            throw new UnsupportedOperationException("the TensorFlow backend exports " + exportFormats() + ", not '"
                    + export.format() + "'");
        }
        SavedModelExport.write(spec, model.io().exportModel(session), export, dir);
    }

    @Override
    public String description() {
        return "TensorFlow " + TensorFlow.version() + (options.gpu() ? " (GPU)" : " (CPU)");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        forwardCalls.close();
        trainCalls.close();
        closeScalars();
        session.close();
        graph.close();
    }

    private void closeScalars() {
        actorLr.close();
        criticLr.close();
        clipRange.close();
        parameterTensors.values().forEach(TFloat32::close);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("backend is closed");
        }
    }

    private static void requireLength(String what, float[] a, int needed) {
        if (a.length < needed) {
            throw new IllegalArgumentException(what + " needs at least " + needed + " floats, got " + a.length);
        }
    }

    private static void requireExact(String what, float[] a, int needed) {
        if (a.length != needed) {
            throw new IllegalArgumentException("minibatch " + what + " needs " + needed + " floats, got " + a.length);
        }
    }

    /** A float tensor {@code [rows, cols]} ({@code [rows]} when cols is 0) for feeding. */
    private static TFloat32 tensor(int rows, int cols) {
        return TFloat32.tensorOf(cols == 0 ? Shape.of(rows) : Shape.of(rows, cols));
    }

    private static FloatDataBuffer floats(TFloat32 t) {
        return t.asRawTensor().data().asFloats();
    }

    /** The act call for one batch size: its input tensor, output array and ready runner. */
    private final class ForwardCall implements AutoCloseable {
        final TFloat32 tensor;
        final FloatDataBuffer input;
        final TFloat32 stateTensor;
        final FloatDataBuffer state;
        final float[] output;
        final Session.Runner runner;

        ForwardCall(int n) {
            tensor = tensor(n, observationSize);
            input = floats(tensor);
            output = new float[n * (width + 1 + stateSize)];
            runner = session.runner().feed(model.observations(), tensor).fetch(model.actOutput());
            if (stateSize != 0) {
                stateTensor = tensor(n, stateSize);
                state = floats(stateTensor);
                runner.feed(model.recurrence().stateIn(), stateTensor);
            } else {
                stateTensor = null;
                state = null;
            }
        }

        @Override
        public void close() {
            tensor.close();
            if (stateTensor != null) {
                stateTensor.close();
            }
        }
    }

    /** The train call for one minibatch size: its input tensors and ready runner. */
    private final class TrainCall implements AutoCloseable {
        final List<TFloat32> tensors = new ArrayList<>();
        final FloatDataBuffer obs;
        final FloatDataBuffer actions;
        final FloatDataBuffer oldLogProbs;
        final FloatDataBuffer oldDistribution;
        final FloatDataBuffer advantages;
        final FloatDataBuffer returns;
        final FloatDataBuffer oldValues;
        final FloatDataBuffer starts;
        final FloatDataBuffer initialStates;
        final Session.Runner runner;

        TrainCall(int m) {
            TrainGraph train = model.train();
            runner = session.runner();
            obs = feed(model.observations(), m, observationSize);
            actions = feed(train.actions, m, actionSize);
            oldLogProbs = feed(train.oldLogProbs, m, 0);
            oldDistribution = feed(train.oldDistribution, m, width);
            advantages = feed(train.advantages, m, 0);
            returns = feed(train.returns, m, 0);
            oldValues = feed(train.oldValues, m, 0);
            if (stateSize != 0) {
                starts = feed(model.recurrence().starts(), m, 0);
                initialStates = feed(model.recurrence().initialStates(), m / spec.sequenceLength(), stateSize);
            } else {
                starts = null;
                initialStates = null;
            }
            runner.feed(train.actorLearningRate, actorLr).feed(train.criticLearningRate, criticLr)
                    .feed(train.clipRange, clipRange);
            for (Map.Entry<String, Placeholder<TFloat32>> p : train.parameters.entrySet()) {
                runner.feed(p.getValue(), parameterTensors.get(p.getKey()));
            }
            runner.addTarget(train.update).fetch(train.stats);
        }

        private FloatDataBuffer feed(Placeholder<TFloat32> placeholder, int rows, int cols) {
            TFloat32 t = tensor(rows, cols);
            tensors.add(t);
            runner.feed(placeholder, t);
            return floats(t);
        }

        void write(Minibatch b) {
            obs.write(b.observations());
            actions.write(b.actions());
            oldLogProbs.write(b.oldLogProbs());
            oldDistribution.write(b.oldDistribution());
            advantages.write(b.advantages());
            returns.write(b.returns());
            oldValues.write(b.oldValues());
            if (starts != null) {
                starts.write(b.starts());
                initialStates.write(b.initialStates());
            }
        }

        @Override
        public void close() {
            tensors.forEach(TFloat32::close);
        }
    }
}
