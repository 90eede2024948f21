package dev.ppo.backend.java;

import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.network.OrthogonalInit;
import java.util.List;
import java.util.Random;

/**
 * A dense layer {@code y = act(x·W + b)}, W {@code [in, out]} row-major, over a batch of rows, with
 * its backward pass, float32 like the TensorFlow backend, the arithmetic in {@link Kernels}. tanh is
 * Eigen's rational approximation, the TensorFlow CPU kernel's.
 */
final class Dense {

    private static final Kernels KERNELS = Kernels.best();

    final Parameter w;
    final Parameter b;
    private final int in;
    private final int out;
    private final Activation activation; // null: linear
    private float[] input = new float[0];
    private float[] output = new float[0];
    private float[] inputGrad = new float[0]; // dL/dx, reused from step to step
    private float[] wT = new float[0];
    private boolean wTStale = true;

    Dense(String name, int in, int out, double gain, Activation activation, Parameter.Group group, long seed) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        float[] init = OrthogonalInit.matrix(in, out, gain, new Random(OrthogonalInit.layerSeed(seed, name)));
        this.w = new Parameter(name + "/w", new long[] {in, out}, init, group);
        this.b = new Parameter(name + "/b", new long[] {out}, new float[out], group);
    }

    int outputs() {
        return out;
    }

    void parameters(List<Parameter> into) {
        into.add(w);
        into.add(b);
    }

    /** The weights changed (a step, an import): the transposed copy must be rebuilt. */
    void invalidate() {
        wTStale = true;
    }

    /** {@code rows} outputs; keeps x and y for {@link #backward}. */
    float[] forward(float[] x, int rows) {
        input = x;
        if (output.length != rows * out) {
            output = new float[rows * out];
        }
        float[] y = output;
        KERNELS.forward(x, w.value, b.value, y, rows, in, out);
        if (activation == Activation.TANH) {
            KERNELS.tanh(y, rows * out);
        } else if (activation == Activation.RELU) {
            for (int i = 0; i < rows * out; i++) {
                y[i] = Math.max(0f, y[i]);
            }
        }
        return y;
    }

    /**
     * Adds dL/dW and dL/db of the last {@link #forward} to the gradients; {@code dy} (overwritten)
     * is dL/dy. Returns dL/dx (this layer's buffer, valid until its next backward pass), or null when
     * {@code needInputGrad} is false (the first layer).
     */
    float[] backward(float[] dy, int rows, boolean needInputGrad) {
        float[] y = output;
        if (activation == Activation.TANH) {
            for (int i = 0; i < rows * out; i++) {
                dy[i] *= 1 - y[i] * y[i];
            }
        } else if (activation == Activation.RELU) {
            for (int i = 0; i < rows * out; i++) {
                if (y[i] <= 0) {
                    dy[i] = 0;
                }
            }
        }
        KERNELS.weightGrad(input, dy, w.grad, b.grad, rows, in, out);
        if (!needInputGrad) {
            return null;
        }
        if (inputGrad.length != rows * in) {
            inputGrad = new float[rows * in];
        }
        KERNELS.inputGrad(dy, transposed(), inputGrad, rows, in, out);
        return inputGrad;
    }

    private float[] transposed() {
        if (wTStale || wT.length != in * out) {
            if (wT.length != in * out) {
                wT = new float[in * out];
            }
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < out; j++) {
                    wT[j * in + k] = w.value[k * out + j];
                }
            }
            wTStale = false;
        }
        return wT;
    }
}
