package dev.ppo.tf;

import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.network.NetworkSpec.Conv;
import dev.ppo.api.network.OrthogonalInit;
import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stack of 2-D convolutions over flat image rows: reshape {@code [batch, H·W·C]} to NHWC
 * {@code [batch, H, W, C]}, then per layer {@code conv2d} (VALID padding) + bias + activation,
 * then flatten to {@code [batch, h·w·c]} in HWC order for the dense layers that follow.
 *
 * <p>Variables: {@code <prefix>/c<i>/w} of shape {@code [kernel, kernel, in, filters]} (TensorFlow's
 * HWIO filter layout) and {@code <prefix>/c<i>/b} {@code [filters]}. Kernels are orthogonal with
 * gain √2 like SB3's conv layers: the kernel read as a {@code [kernel·kernel·in, filters]} matrix
 * (which its row-major layout is) has orthonormal columns, the same distribution PyTorch's
 * {@code orthogonal_} gives a {@code [filters, in, kernel, kernel]} weight. Biases start at zero.
 */
final class ConvStack {

    private record Layer(Variable w, Variable b, int stride) {
    }

    private final List<Layer> layers;
    private final int[] inputShape;
    private final Activation activation;
    private final int outputSize;

    private ConvStack(List<Layer> layers, int[] inputShape, Activation activation, int outputSize) {
        this.layers = layers;
        this.inputShape = inputShape;
        this.activation = activation;
        this.outputSize = outputSize;
    }

    /**
     * Creates the variables of the stack.
     *
     * @param observationShape {@code [H, W, C]}, or {@code [H, W]} for one channel
     * @param seed             weight-init seed; each layer draws from its own stream derived from it
     * @throws IllegalArgumentException if the observation is not an image or a kernel does not fit
     */
    static ConvStack create(VariableStore store, String prefix, int[] observationShape, List<Conv> conv,
                            Activation activation, Group group, long seed) {
        int[] inputShape = imageShape(observationShape);
        int h = inputShape[0];
        int w = inputShape[1];
        int c = inputShape[2];
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < conv.size(); i++) {
            Conv layer = conv.get(i);
            int oh = layer.outputLength(h);
            int ow = layer.outputLength(w);
            if (oh < 1 || ow < 1) {
                throw new IllegalArgumentException(prefix + " conv layer " + i + " (kernel " + layer.kernel()
                        + ") does not fit its " + h + "×" + w + " input (observation shape "
                        + Arrays.toString(observationShape) + ")");
            }
            String name = prefix + "/c" + i;
            int fanIn = layer.kernel() * layer.kernel() * c;
            Random rng = new Random(Mlp.layerSeed(seed, name));
            Variable kernel = store.create(name + "/w",
                    new long[] {layer.kernel(), layer.kernel(), c, layer.filters()},
                    OrthogonalInit.matrix(fanIn, layer.filters(), Mlp.HIDDEN_GAIN, rng), group);
            Variable bias = store.filled(name + "/b", new long[] {layer.filters()}, 0f, group);
            layers.add(new Layer(kernel, bias, layer.stride()));
            h = oh;
            w = ow;
            c = layer.filters();
        }
        int outputSize = Math.multiplyExact(Math.multiplyExact(h, w), c);
        return new ConvStack(List.copyOf(layers), inputShape, activation, outputSize);
    }

    /**
     * The image a conv network reads an observation as: {@code [H, W, C]}, with {@code [H, W]} read
     * as one channel.
     *
     * @throws IllegalArgumentException if the observation is not an image
     */
    static int[] imageShape(int[] observationShape) {
        if (observationShape.length != 2 && observationShape.length != 3) {
            throw new IllegalArgumentException("a convolutional network needs an image observation [H, W, C] or"
                    + " [H, W]; this env's observation has shape " + Arrays.toString(observationShape));
        }
        return new int[] {observationShape[0], observationShape[1],
                observationShape.length == 3 ? observationShape[2] : 1};
    }

    /** The stack applied to flat rows {@code x} of shape {@code [batch, H·W·C]}; returns {@code [batch, outputSize]}. */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> h = tf.reshape(x, tf.constant(new int[] {-1, inputShape[0], inputShape[1], inputShape[2]}));
        for (Layer l : layers) {
            long s = l.stride();
            h = tf.nn.biasAdd(tf.nn.conv2d(h, l.w().value(), List.of(1L, s, s, 1L), "VALID"), l.b().value());
            h = activation == Activation.TANH ? tf.math.tanh(h) : tf.nn.relu(h);
        }
        return tf.reshape(h, tf.constant(new int[] {-1, outputSize}));
    }

    /** Floats per example after flattening: {@code h·w·c} of the last feature map. */
    int outputSize() {
        return outputSize;
    }
}
