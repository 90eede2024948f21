package dev.ppo.tf;

import dev.ppo.api.backend.VariableState;
import dev.ppo.api.network.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The act-time forward pass evaluated in plain Java from a mirror of the graph's weights.
 *
 * <p>Two reasons to act here rather than with a {@code Session.run}. For the small MLPs PPO uses on
 * classic-control tasks, a run costs tens of microseconds of call overhead while the arithmetic
 * takes a few. And the result is the same on every machine ({@link DenseKernel}: fused
 * multiply-adds in a fixed order), where TensorFlow's CPU kernels pick their code path by
 * instruction set: a convolutional CarRacing policy evaluated through the graph scored
 * 886.7 / 906.8 on two test tracks on one CPU and 909.3 / 904.7 on another. {@link TfBackend} refreshes
 * the mirror only after the weights changed (once per iteration). It follows the layout documented
 * on {@link TfBackend}: conv kernels {@code [k, k, in, filters]} with VALID padding over HWC images,
 * dense kernels {@code [in, out]}, {@code y = x·w + b}, activation on hidden layers, linear heads.
 */
final class JavaForward {

    private final NetworkSpec network;
    private final int[] imageShape;   // [H, W, C] of a conv network's input; null for an MLP
    private final int observationSize;
    private final int width;
    private final PolicyHead.Kind head;
    private final float[] input;
    private List<Layer> trunk = List.of();
    private List<Layer> actor = List.of();   // conv layers, hidden layers, then the linear head
    private List<Layer> critic = List.of();
    private Recurrent lstm;                   // between the trunk and the heads; null when feed-forward
    private float[] logStd;
    private final DenseKernel kernel;

    JavaForward(NetworkSpec network, int[] observationShape, int width, PolicyHead.Kind head) {
        this(network, observationShape, width, head, DenseKernel.best());
    }

    JavaForward(NetworkSpec network, int[] observationShape, int width, PolicyHead.Kind head, DenseKernel kernel) {
        this.kernel = kernel;
        this.network = network;
        int size = 1;
        for (int d : observationShape) {
            size = Math.multiplyExact(size, d);
        }
        this.observationSize = size;
        imageShape = network.convolutional() ? ConvStack.imageShape(observationShape) : null;
        this.width = width;
        this.head = head;
        this.input = new float[observationSize];
    }

    /** One layer with its own output buffer, in float32 like the graph. */
    private interface Layer {
        float[] apply(float[] x);
    }

    /** The hidden activation in place (null: a linear head). */
    private static void activate(float[] v, NetworkSpec.Activation activation, DenseKernel kernel) {
        if (activation == NetworkSpec.Activation.TANH) {
            kernel.tanh(v, v.length);
        } else if (activation == NetworkSpec.Activation.RELU) {
            for (int j = 0; j < v.length; j++) {
                v[j] = Math.max(0f, v[j]);
            }
        }
    }

    /** y = x·w + b, then the activation (null for a linear head). */
    private record Dense(float[] w, float[] b, float[] out, NetworkSpec.Activation activation, DenseKernel kernel)
            implements Layer {

        @Override
        public float[] apply(float[] x) {
            int outputs = b.length;
            System.arraycopy(b, 0, out, 0, outputs);
            kernel.multiplyAdd(x, w, out, w.length / outputs, outputs);
            activate(out, activation, kernel);
            return out;
        }
    }

    /**
     * A VALID cross-correlation over an HWC image, then bias and activation:
     * {@code y[p, q, o] = b[o] + Σ_{i, j, c} x[p·s + i, q·s + j, c]·w[i, j, c, o]}. For a fixed kernel
     * row i, the input pixels {@code x[p·s + i, q·s .. q·s + k − 1, :]} and the weights
     * {@code w[i, :, :, :]} are both contiguous, so each (p, q, i) is one dense multiply-add of
     * k·C inputs into the position's {@code filters} outputs.
     */
    private record Conv(float[] w, float[] b, int kernelSize, int stride, int inWidth, int inChannels,
                        int outHeight, int outWidth, float[] out, NetworkSpec.Activation activation,
                        DenseKernel kernel) implements Layer {

        @Override
        public float[] apply(float[] x) {
            int filters = b.length;
            int rowInputs = kernelSize * inChannels;
            for (int p = 0; p < outHeight; p++) {
                for (int q = 0; q < outWidth; q++) {
                    int o = (p * outWidth + q) * filters;
                    System.arraycopy(b, 0, out, o, filters);
                    for (int i = 0; i < kernelSize; i++) {
                        int xRow = ((p * stride + i) * inWidth + q * stride) * inChannels;
                        kernel.multiplyAdd(x, xRow, w, i * rowInputs * filters, out, o, rowInputs, filters);
                    }
                }
            }
            activate(out, activation, kernel);
            return out;
        }
    }

    /** Copies the model variables (optimizer slots are ignored) into the mirror. */
    void load(List<VariableState> variables) {
        Map<String, float[]> byName = new HashMap<>();
        for (VariableState v : variables) {
            byName.put(v.name(), v.values());
        }
        if (network.shared()) {
            trunk = layers(byName, "trunk", true, network.actorHidden().size(), false);
            actor = layers(byName, "actor", false, 0, true);
            critic = layers(byName, "critic", false, 0, true);
        } else {
            actor = layers(byName, "actor", true, network.actorHidden().size(), true);
            critic = layers(byName, "critic", true, network.criticHidden().size(), true);
        }
        lstm = network.recurrent() ? new Recurrent(require(byName, "trunk/lstm/wx"), require(byName, "trunk/lstm/wh"),
                require(byName, "trunk/lstm/b"), network.lstmHidden(), kernel) : null;
        logStd = head == PolicyHead.Kind.GAUSSIAN ? require(byName, "actor/log_std") : null;
    }

    /**
     * {@link Lstm}'s step: {@code z = x·Wx + b + h·Wh}, gates i, f, g, o; {@code c' = σ(f)·c + σ(i)·tanh(g)},
     * {@code h' = σ(o)·tanh(c')}, with σ(x) = 0.5·tanh(x/2) + 0.5 as in the graph.
     */
    private static final class Recurrent {
        private final float[] wx;
        private final float[] wh;
        private final float[] b;
        private final int hidden;
        private final DenseKernel kernel;
        private final float[] z;
        private final float[] h;

        Recurrent(float[] wx, float[] wh, float[] b, int hidden, DenseKernel kernel) {
            if (b.length != 4 * hidden || wh.length != 4 * hidden * hidden || wx.length % (4 * hidden) != 0) {
                throw new IllegalStateException("variables trunk/lstm/* do not match an LSTM of " + hidden + " units");
            }
            this.wx = wx;
            this.wh = wh;
            this.b = b;
            this.hidden = hidden;
            this.kernel = kernel;
            this.z = new float[4 * hidden];
            this.h = new float[hidden];
        }

        /** One step of row {@code row}: reads the state at {@code in[row·2H ..]}, writes the next to {@code out}; returns h'. */
        float[] step(float[] x, float[] in, float[] out, int row) {
            int at = row * 2 * hidden;
            System.arraycopy(b, 0, z, 0, 4 * hidden);
            kernel.multiplyAdd(x, wx, z, wx.length / (4 * hidden), 4 * hidden);
            kernel.multiplyAdd(in, at, wh, 0, z, 0, hidden, 4 * hidden);
            // every tanh through the kernel (RationalTanh), so that the step gives the same bits
            // with scalar and SIMD loops on every JVM; σ(x) = 0.5·tanh(x/2) + 0.5 as in the graph
            for (int j = 0; j < 4 * hidden; j++) {
                if (j < 2 * hidden || j >= 3 * hidden) {
                    z[j] *= 0.5f;
                }
            }
            kernel.tanh(z, 4 * hidden);
            for (int j = 0; j < hidden; j++) {
                float i = 0.5f * z[j] + 0.5f;
                float f = 0.5f * z[hidden + j] + 0.5f;
                float g = z[2 * hidden + j];
                float c = f * in[at + hidden + j] + i * g;
                out[at + hidden + j] = c;
                h[j] = c;
            }
            kernel.tanh(h, hidden);
            for (int j = 0; j < hidden; j++) {
                float o = 0.5f * z[3 * hidden + j] + 0.5f;
                h[j] *= o;
            }
            System.arraycopy(h, 0, out, at, hidden);
            return h;
        }
    }

    private List<Layer> layers(Map<String, float[]> vars, String prefix, boolean conv, int hidden, boolean head) {
        List<Layer> out = new ArrayList<>();
        if (conv && imageShape != null) {
            int h = imageShape[0];
            int w = imageShape[1];
            int c = imageShape[2];
            for (int i = 0; i < network.conv().size(); i++) {
                NetworkSpec.Conv layer = network.conv().get(i);
                int oh = layer.outputLength(h);
                int ow = layer.outputLength(w);
                float[] b = require(vars, prefix + "/c" + i + "/b");
                float[] kernelWeights = require(vars, prefix + "/c" + i + "/w");
                if (b.length != layer.filters() || oh < 1 || ow < 1
                        || kernelWeights.length != layer.kernel() * layer.kernel() * c * layer.filters()) {
                    throw new IllegalStateException("variable " + prefix + "/c" + i + " does not match the network's"
                            + " conv layer " + i + " over a " + h + "×" + w + "×" + c + " input");
                }
                out.add(new Conv(kernelWeights, b, layer.kernel(), layer.stride(), w, c, oh, ow,
                        new float[oh * ow * layer.filters()], network.activation(), kernel));
                h = oh;
                w = ow;
                c = layer.filters();
            }
        }
        for (int i = 0; i < hidden; i++) {
            float[] b = require(vars, prefix + "/l" + i + "/b");
            out.add(new Dense(require(vars, prefix + "/l" + i + "/w"), b, new float[b.length],
                    network.activation(), kernel));
        }
        if (head) {
            float[] b = require(vars, prefix + "/head/b");
            out.add(new Dense(require(vars, prefix + "/head/w"), b, new float[b.length], null, kernel));
        }
        return out;
    }

    private static float[] require(Map<String, float[]> vars, String name) {
        float[] v = vars.get(name);
        if (v == null) {
            throw new IllegalStateException("the model has no variable " + name);
        }
        return v;
    }

    private static float[] run(List<Layer> layers, float[] x) {
        float[] h = x;
        for (Layer layer : layers) {
            h = layer.apply(h);
        }
        return h;
    }

    /** A Beta head's parameter, 1 + log(1 + e^x), computed stably; StrictMath gives the same bits everywhere. */
    static float onePlusSoftplus(float x) {
        double v = x;
        double softplus = v > 0 ? v + StrictMath.log1p(StrictMath.exp(-v)) : StrictMath.log1p(StrictMath.exp(v));
        return (float) (1 + softplus);
    }

    /** Same contract as {@link TfBackend#forward}; the states are ignored (may be null) when feed-forward. */
    void forward(float[] obs, float[] stateIn, int n, float[] distribution, float[] values, float[] stateOut) {
        int policyOut = head == PolicyHead.Kind.GAUSSIAN ? width / 2 : width;
        for (int r = 0; r < n; r++) {
            System.arraycopy(obs, r * observationSize, input, 0, observationSize);
            if (network.inputScale() != 1.0) {
                float scale = (float) network.inputScale();
                for (int i = 0; i < observationSize; i++) {
                    input[i] *= scale;
                }
            }
            float[] features = run(trunk, input);
            if (lstm != null) {
                features = lstm.step(features, stateIn, stateOut, r);
            }
            float[] policy = run(actor, features);
            System.arraycopy(policy, 0, distribution, r * width, policyOut);
            if (head == PolicyHead.Kind.GAUSSIAN) {
                System.arraycopy(logStd, 0, distribution, r * width + policyOut, policyOut);
            } else if (head == PolicyHead.Kind.BETA) {
                for (int k = 0; k < width; k++) {
                    distribution[r * width + k] = onePlusSoftplus(policy[k]);
                }
            }
            values[r] = run(critic, features)[0];
        }
    }
}
