package dev.ppo.backend.java;

import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.network.OrthogonalInit;
import java.util.ArrayList;
import java.util.List;

/**
 * Dense layers {@code <prefix>/l<i>} with the hidden activation, then an optional linear
 * {@code <prefix>/head}, initialized as the TensorFlow backend initializes them (orthogonal, gain
 * √2 for hidden layers, the given gain for the head, zero biases, a stream per layer).
 */
final class Mlp {

    private final List<Dense> layers = new ArrayList<>();
    private final int outputs;

    Mlp(String prefix, int inputs, List<Integer> hidden, int headSize, double headGain, Activation activation,
        Parameter.Group group, long seed) {
        int in = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            layers.add(new Dense(prefix + "/l" + i, in, hidden.get(i), OrthogonalInit.HIDDEN_GAIN, activation, group,
                    seed));
            in = hidden.get(i);
        }
        if (headSize > 0) {
            layers.add(new Dense(prefix + "/head", in, headSize, headGain, null, group, seed));
            in = headSize;
        }
        this.outputs = in;
    }

    int outputs() {
        return outputs;
    }

    void parameters(List<Parameter> into) {
        layers.forEach(l -> l.parameters(into));
    }

    void invalidate() {
        layers.forEach(Dense::invalidate);
    }

    float[] forward(float[] x, int rows) {
        float[] h = x;
        for (Dense d : layers) {
            h = d.forward(h, rows);
        }
        return h;
    }

    /** Backpropagates dL/d(output); returns dL/d(input) when asked (a shared trunk's heads need it). */
    float[] backward(float[] dOutput, int rows, boolean needInputGrad) {
        float[] g = dOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, rows, i > 0 || needInputGrad);
        }
        return g;
    }
}
