package dev.ppo.tf;

import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.network.OrthogonalInit;
import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stack of dense layers {@code y = x·W + b}, {@code W} of shape {@code [in, out]}, with the
 * hidden activation after every layer except a linear head.
 *
 * <p>Variables are named {@code <prefix>/l<i>/w}, {@code <prefix>/l<i>/b} for hidden layer i and
 * {@code <prefix>/head/w}, {@code <prefix>/head/b} for the head. Weights are orthogonal (gain √2 for
 * hidden layers, the given gain for the head), biases zero.
 */
final class Mlp {

    /** Gain of hidden layers: √2, as for ReLU/tanh in the PPO implementations. */
    static final double HIDDEN_GAIN = OrthogonalInit.HIDDEN_GAIN;

    private record Dense(Variable w, Variable b, boolean activated) {
    }

    private final List<Dense> layers;
    private final Activation activation;
    private final int outputSize;

    private Mlp(List<Dense> layers, Activation activation, int outputSize) {
        this.layers = layers;
        this.activation = activation;
        this.outputSize = outputSize;
    }

    /**
     * Creates the variables of an MLP.
     *
     * @param headSize outputs of a linear head, or 0 for hidden layers only (a shared trunk)
     * @param headGain orthogonal gain of the head
     * @param seed     weight-init seed; each layer draws from its own stream derived from it
     */
    static Mlp create(VariableStore store, String prefix, int inputSize, List<Integer> hidden, int headSize,
                      double headGain, Activation activation, Group group, long seed) {
        List<Dense> layers = new ArrayList<>();
        int in = inputSize;
        for (int i = 0; i < hidden.size(); i++) {
            int out = hidden.get(i);
            if (out < 1) {
                throw new IllegalArgumentException(prefix + " hidden layer " + i + " has width " + out);
            }
            layers.add(dense(store, prefix + "/l" + i, in, out, HIDDEN_GAIN, true, group, seed));
            in = out;
        }
        if (headSize > 0) {
            layers.add(dense(store, prefix + "/head", in, headSize, headGain, false, group, seed));
            in = headSize;
        }
        return new Mlp(List.copyOf(layers), activation, in);
    }

    private static Dense dense(VariableStore store, String name, int in, int out, double gain, boolean activated,
                               Group group, long seed) {
        Random rng = new Random(layerSeed(seed, name));
        Variable w = store.create(name + "/w", new long[] {in, out}, OrthogonalInit.matrix(in, out, gain, rng), group);
        Variable b = store.filled(name + "/b", new long[] {out}, 0f, group);
        return new Dense(w, b, activated);
    }

    /** A per-layer seed ({@link OrthogonalInit#layerSeed}). */
    static long layerSeed(long seed, String layerName) {
        return OrthogonalInit.layerSeed(seed, layerName);
    }

    /** The network applied to {@code x} of shape {@code [batch, inputSize]}. */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> h = x;
        for (Dense d : layers) {
            h = tf.nn.biasAdd(tf.linalg.matMul(h, d.w().value()), d.b().value());
            if (d.activated()) {
                h = activation == Activation.TANH ? tf.math.tanh(h) : tf.nn.relu(h);
            }
        }
        return h;
    }

    /** Width of the output. */
    int outputSize() {
        return outputSize;
    }
}
