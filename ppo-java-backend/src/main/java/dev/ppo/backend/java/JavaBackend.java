package dev.ppo.backend.java;

import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.OrthogonalInit;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The actor-critic in plain Java: MLPs forward and backward by hand, the loss and its gradient with
 * respect to the network outputs from {@link PpoLoss}'s single definition on a {@link Tape},
 * global-norm gradient clipping and PyTorch's Adam. Variables have the TensorFlow backend's names,
 * shapes, layout and initial values, so a checkpoint of one backend loads in the other.
 */
final class JavaBackend implements Backend {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final Kernels KERNELS = Kernels.best();

    private final ModelSpec spec;
    private final int observationSize;
    private final double inputScale;
    private final Mlp trunk; // null for separate networks
    private final Mlp actor;
    private final Mlp critic;
    private final PolicyHead head;
    private final int headSize;
    private final Parameter logStd; // null for a categorical policy
    private final List<Parameter> model = new ArrayList<>();
    private final List<Parameter> trained = new ArrayList<>();
    private final List<Parameter> actorParameters = new ArrayList<>();
    private final List<Parameter> criticParameters = new ArrayList<>();
    private final PpoLoss.Coefficients coefficients;
    private long step;
    /** The loss's tape, reused: after the first train step its arrays come from its arena. */
    private final Tape tape = new Tape(Map.of());
    /** Runs the critic beside the actor (separate networks, {@code backend.threads = 2}); null otherwise. */
    private final CriticThread criticThread;

    JavaBackend(ModelSpec spec) {
        this(spec, 1);
    }

    JavaBackend(ModelSpec spec, int threads) {
        this.spec = spec;
        NetworkSpec net = spec.network();
        this.observationSize = spec.observationSize();
        this.inputScale = net.inputScale();
        boolean gaussian = spec.actionSpace() instanceof Box;
        this.headSize = gaussian ? ((Box) spec.actionSpace()).flatSize() : ((Discrete) spec.actionSpace()).n();
        Parameter.Group logStdGroup = spec.learnLogStd() ? Parameter.Group.ACTOR : Parameter.Group.FIXED;
        Parameter std = null;
        if (net.shared()) {
            trunk = new Mlp("trunk", observationSize, net.actorHidden(), 0, 0, net.activation(), Parameter.Group.ACTOR,
                    spec.seed());
            actor = new Mlp("actor", trunk.outputs(), List.of(), headSize, OrthogonalInit.POLICY_HEAD_GAIN,
                    net.activation(), Parameter.Group.ACTOR, spec.seed());
            trunk.parameters(model);
            actor.parameters(model);
            if (gaussian) {
                std = logStd(headSize, spec.initLogStd(), logStdGroup);
                model.add(std);
            }
            critic = new Mlp("critic", trunk.outputs(), List.of(), 1, OrthogonalInit.VALUE_HEAD_GAIN, net.activation(),
                    Parameter.Group.CRITIC, spec.seed());
        } else {
            trunk = null;
            actor = new Mlp("actor", observationSize, net.actorHidden(), headSize, OrthogonalInit.POLICY_HEAD_GAIN,
                    net.activation(), Parameter.Group.ACTOR, spec.seed());
            actor.parameters(model);
            if (gaussian) {
                std = logStd(headSize, spec.initLogStd(), logStdGroup);
                model.add(std);
            }
            critic = new Mlp("critic", observationSize, net.criticHidden(), 1, OrthogonalInit.VALUE_HEAD_GAIN,
                    net.activation(), Parameter.Group.CRITIC, spec.seed());
        }
        critic.parameters(model);
        this.logStd = std;
        this.head = gaussian ? PolicyHead.gaussian(headSize, std) : PolicyHead.categorical(headSize);
        model.stream().filter(Parameter::trained).forEach(trained::add);
        trained.forEach(p -> (p.group == Parameter.Group.CRITIC ? criticParameters : actorParameters).add(p));
        this.coefficients = new PpoLoss.Coefficients(spec.valueCoef(), spec.entropyCoef(), spec.valueClip());
        this.criticThread = threads > 1 && trunk == null ? new CriticThread() : null;
    }

    private static Parameter logStd(int d, double init, Parameter.Group group) {
        float[] v = new float[d];
        Arrays.fill(v, (float) init);
        return new Parameter("actor/log_std", new long[] {d}, v, group);
    }

    @Override
    public int distributionWidth() {
        return head.width();
    }

    private float[] scaled(float[] obs, int n) {
        if (inputScale == 1.0) {
            return obs;
        }
        float[] x = new float[n * observationSize];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (obs[i] * inputScale);
        }
        return x;
    }

    @Override
    public void forward(float[] observations, int n, float[] distribution, float[] values) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        require("observations", observations, n * observationSize);
        require("distribution", distribution, n * head.width());
        require("values", values, n);
        float[] x = scaled(observations, n);
        float[] features = trunk == null ? x : trunk.forward(x, n);
        head.distribution(actor.forward(features, n), n, distribution);
        System.arraycopy(critic.forward(features, n), 0, values, 0, n);
    }

    @Override
    public TrainStats train(Minibatch b, TrainInputs inputs) {
        int m = b.size();
        for (Parameter p : trained) {
            Arrays.fill(p.grad, 0f);
        }
        float[] x = scaled(b.observations(), m);
        float[] features = trunk == null ? x : trunk.forward(x, m);
        float[] policyOut;
        float[] valueOut;
        if (criticThread != null) {
            // separate networks: the critic's passes run beside the actor's on a second core
            criticThread.run(() -> critic.forward(features, m));
            policyOut = actor.forward(features, m);
            valueOut = (float[]) criticThread.join();
        } else {
            policyOut = actor.forward(features, m);
            valueOut = critic.forward(features, m);
        }

        tape.reset(inputs.parameters());
        double[] dHead = new double[m * headSize];
        PolicyHead.Terms terms = head.terms(tape, policyOut, m, b.actions(), b.oldDistribution(), dHead);
        Tape.Node value = tape.column(valueOut, m, 1, 0);
        Map<PpoLoss.Term, Tape.Node> loss = PpoLoss.build(tape, spec.objective(), new PpoLoss.Inputs<>(
                        new PolicyTerms<>(terms.logProb(), tape.column(b.oldLogProbs(), m, 1, 0),
                                tape.column(b.advantages(), m, 1, 0), terms.kl()),
                        terms.meanEntropy(), value, tape.column(b.oldValues(), m, 1, 0),
                        tape.column(b.returns(), m, 1, 0), tape.constant(inputs.clipRange())),
                coefficients);
        tape.backward(loss.get(PpoLoss.Term.LOSS));
        terms.collectGradients().run();

        float[] dPolicy = toFloat(dHead);
        float[] dValue = toFloat(value.grad);
        double squares;
        if (criticThread != null) {
            criticThread.run(() -> {
                critic.backward(dValue, m, false);
                return squares(criticParameters);
            });
            actor.backward(dPolicy, m, false);
            squares = squares(actorParameters) + (double) criticThread.join();
        } else {
            float[] dFeaturesActor = actor.backward(dPolicy, m, trunk != null);
            float[] dFeaturesCritic = critic.backward(dValue, m, trunk != null);
            if (trunk != null) {
                for (int i = 0; i < dFeaturesActor.length; i++) {
                    dFeaturesActor[i] += dFeaturesCritic[i];
                }
                trunk.backward(dFeaturesActor, m, false);
            }
            squares = squares(actorParameters) + squares(criticParameters); // as with two threads: same bits
        }
        double gradNorm = Math.sqrt(squares);
        double scale = spec.maxGradNorm() > 0 ? spec.maxGradNorm() / Math.max(gradNorm, spec.maxGradNorm()) : 1;
        step++;
        if (criticThread != null) {
            criticThread.run(() -> adam(criticParameters, scale, inputs.actorLearningRate(), inputs.criticLearningRate()));
            adam(actorParameters, scale, inputs.actorLearningRate(), inputs.criticLearningRate());
            criticThread.join();
        } else {
            adam(trained, scale, inputs.actorLearningRate(), inputs.criticLearningRate());
        }
        invalidate();

        Map<PpoLoss.Term, Double> values = new java.util.EnumMap<>(PpoLoss.Term.class);
        loss.forEach((term, node) -> values.put(term, node.value[0]));
        return new TrainStats(values, gradNorm);
    }

    private static double squares(List<Parameter> parameters) {
        double squares = 0;
        for (Parameter p : parameters) {
            for (float g : p.grad) {
                squares += (double) g * g;
            }
        }
        return squares;
    }

    /** PyTorch's Adam at step {@link #step}: θ −= lr/(1−β1^t) · m/(√v/√(1−β2^t) + ε), on the clipped gradient. */
    private Void adam(List<Parameter> parameters, double gradScale, double actorLr, double criticLr) {
        double correction1 = 1 - Math.pow(BETA1, step);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(BETA2, step));
        double eps = spec.adamEpsilon();
        for (Parameter p : parameters) {
            double lr = p.group == Parameter.Group.CRITIC ? criticLr : actorLr;
            KERNELS.adam(p.value, p.grad, p.adamM, p.adamV, (float) gradScale, (float) BETA1, (float) BETA2,
                    (float) (lr / correction1), (float) sqrtCorrection2, (float) eps);
        }
        return null;
    }

    private void invalidate() {
        if (trunk != null) {
            trunk.invalidate();
        }
        actor.invalidate();
        critic.invalidate();
    }

    @Override
    public void setLogStd(double value) {
        if (logStd == null || logStd.trained()) {
            throw new UnsupportedOperationException("setLogStd needs a Gaussian policy with a fixed log-std");
        }
        Arrays.fill(logStd.value, (float) value);
    }

    @Override
    public List<VariableState> exportVariables() {
        List<VariableState> out = new ArrayList<>();
        for (Parameter p : model) {
            out.add(new VariableState(p.name, p.shape.clone(), p.value.clone()));
        }
        for (Parameter p : trained) {
            out.add(new VariableState(p.name + "/adam_m", p.shape.clone(), p.adamM.clone()));
            out.add(new VariableState(p.name + "/adam_v", p.shape.clone(), p.adamV.clone()));
        }
        out.add(new VariableState("adam/step", new long[0], new float[] {step}));
        return out;
    }

    @Override
    public void importVariables(List<VariableState> variables) {
        Map<String, float[]> targets = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        for (Parameter p : model) {
            targets.put(p.name, p.value);
            shapes.put(p.name, p.shape);
        }
        for (Parameter p : trained) {
            targets.put(p.name + "/adam_m", p.adamM);
            targets.put(p.name + "/adam_v", p.adamV);
            shapes.put(p.name + "/adam_m", p.shape);
            shapes.put(p.name + "/adam_v", p.shape);
        }
        shapes.put("adam/step", new long[0]);
        Map<String, VariableState> byName = new HashMap<>();
        for (VariableState v : variables) {
            long[] shape = shapes.get(v.name());
            if (shape == null) {
                throw new IllegalArgumentException("unknown variable " + v.name() + "; this model has "
                        + shapes.keySet());
            }
            if (!Arrays.equals(shape, v.shape())) {
                throw new IllegalArgumentException("variable " + v.name() + " has shape " + Arrays.toString(v.shape())
                        + "; this model's is " + Arrays.toString(shape));
            }
            byName.put(v.name(), v);
        }
        for (String name : shapes.keySet()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("variable " + name + " is missing");
            }
        }
        byName.forEach((name, v) -> {
            if (name.equals("adam/step")) {
                step = (long) v.values()[0];
            } else {
                System.arraycopy(v.values(), 0, targets.get(name), 0, v.values().length);
            }
        });
        invalidate();
    }

    @Override
    public String description() {
        return "plain Java (float32 MLP, " + (trunk != null ? "shared trunk" : "separate actor and critic") + ")";
    }

    @Override
    public void close() {
        if (criticThread != null) {
            criticThread.close();
        }
    }

    private static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    private static void require(String what, float[] a, int length) {
        if (a.length < length) {
            throw new IllegalArgumentException(what + " has " + a.length + " floats, needs " + length);
        }
    }
}
