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
 * <p>For the small networks PPO uses on classic-control tasks, a {@code Session.run} costs tens of
 * microseconds of call overhead while the arithmetic takes a few; acting happens once per env step,
 * so {@link TfBackend} evaluates it here and refreshes the mirror only after the weights changed
 * (once per iteration). It follows the layout documented on {@link TfBackend}: kernels
 * {@code [in, out]}, {@code y = x·w + b}, activation on hidden layers, linear heads.
 *
 * <p>MLPs only: a convolutional network's forward pass is arithmetic-bound (millions of
 * multiply-adds per frame), where TensorFlow's kernels win and the call overhead does not matter.
 */
final class JavaForward {

    private final NetworkSpec network;
    private final int observationSize;
    private final int width;
    private final boolean gaussian;
    private final float[] input;
    private List<Dense> trunk = List.of();
    private List<Dense> actor = List.of();   // hidden layers then the linear head
    private List<Dense> critic = List.of();
    private float[] logStd;
    private final DenseKernel kernel;

    JavaForward(NetworkSpec network, int observationSize, int width, boolean gaussian) {
        this(network, observationSize, width, gaussian, DenseKernel.best());
    }

    JavaForward(NetworkSpec network, int observationSize, int width, boolean gaussian, DenseKernel kernel) {
        this.kernel = kernel;
        if (network.convolutional()) {
            throw new IllegalArgumentException("JavaForward evaluates MLPs only; this network has conv layers");
        }
        this.network = network;
        this.observationSize = observationSize;
        this.width = width;
        this.gaussian = gaussian;
        this.input = new float[observationSize];
    }

    /** One dense layer with its own output buffer, in float32 like the graph. */
    private record Dense(float[] w, float[] b, float[] out, NetworkSpec.Activation activation, DenseKernel kernel) {

        /** y = x·w + b, then the activation (null for a linear head). */
        float[] apply(float[] x) {
            int outputs = b.length;
            System.arraycopy(b, 0, out, 0, outputs);
            kernel.multiplyAdd(x, w, out, w.length / outputs, outputs);
            if (activation == NetworkSpec.Activation.TANH) {
                kernel.tanh(out, outputs);
            } else if (activation == NetworkSpec.Activation.RELU) {
                for (int j = 0; j < outputs; j++) {
                    out[j] = Math.max(0f, out[j]);
                }
            }
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
            trunk = layers(byName, "trunk", network.actorHidden().size(), false);
            actor = layers(byName, "actor", 0, true);
            critic = layers(byName, "critic", 0, true);
        } else {
            actor = layers(byName, "actor", network.actorHidden().size(), true);
            critic = layers(byName, "critic", network.criticHidden().size(), true);
        }
        logStd = gaussian ? require(byName, "actor/log_std") : null;
    }

    private List<Dense> layers(Map<String, float[]> vars, String prefix, int hidden, boolean head) {
        List<Dense> out = new ArrayList<>();
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

    private static float[] run(List<Dense> layers, float[] x) {
        float[] h = x;
        for (Dense layer : layers) {
            h = layer.apply(h);
        }
        return h;
    }

    /** Same contract as {@link TfBackend#forward}. */
    void forward(float[] obs, int n, float[] distribution, float[] values) {
        int policyOut = gaussian ? width / 2 : width;
        for (int r = 0; r < n; r++) {
            System.arraycopy(obs, r * observationSize, input, 0, observationSize);
            if (network.inputScale() != 1.0) {
                float scale = (float) network.inputScale();
                for (int i = 0; i < observationSize; i++) {
                    input[i] *= scale;
                }
            }
            float[] features = run(trunk, input);
            float[] policy = run(actor, features);
            System.arraycopy(policy, 0, distribution, r * width, policyOut);
            if (gaussian) {
                System.arraycopy(logStd, 0, distribution, r * width + policyOut, policyOut);
            }
            values[r] = run(critic, features)[0];
        }
    }
}
