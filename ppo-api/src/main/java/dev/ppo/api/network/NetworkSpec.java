package dev.ppo.api.network;

import java.util.List;

/**
 * A backend-neutral description of the actor-critic network: an optional convolutional stack, then
 * fully connected hidden layers for the policy (actor) and the value function (critic), or one
 * shared trunk with two heads.
 *
 * <p>The forward pass of an observation {@code x} (a flat row of the env's observation):
 * <ol>
 *   <li>{@code x · inputScale} (1/255 turns uint8 pixels into [0, 1]);</li>
 *   <li>when {@link #conv()} is not empty: {@code x} is read as an image {@code [H, W, C]} (HWC, the
 *       order of Gymnasium's pixel observations), each {@link Conv} layer is applied with VALID
 *       padding and the hidden activation, and the result is flattened;</li>
 *   <li>the dense hidden layers;</li>
 *   <li>when {@link #lstmHidden()} is above 0: an LSTM layer of that many units (the network is then
 *       recurrent: its state is carried from step to step of an env and zeroed when an episode
 *       ends), as SB3-Contrib's {@code CnnLstmPolicy} and CleanRL's {@code ppo_atari_lstm.py};</li>
 *   <li>the linear heads.</li>
 * </ol>
 * With {@code shared}, steps 1-3 up to the last hidden layer are one trunk feeding both heads;
 * otherwise the actor and the critic each have their own copy of the convolutional stack and
 * their own dense layers.
 *
 * <p>Backends initialize it as the PPO details require: orthogonal weights (gain √2 for hidden and
 * convolutional layers, 0.01 for the policy head, 1 for the value head) and zero biases.
 *
 * @param actorHidden  hidden layer widths of the policy network (the shared trunk when {@code shared})
 * @param criticHidden hidden layer widths of the value network (ignored when {@code shared})
 * @param activation   activation of every convolutional and hidden dense layer
 * @param shared       one trunk feeds both heads
 * @param conv         convolutional layers applied first, in order; empty for a plain MLP
 * @param inputScale   factor every observation element is multiplied by before the first layer
 *                     (1 leaves observations as they are)
 * @param lstmHidden   units of the LSTM layer after the hidden layers, 0 for none (a feed-forward
 *                     network); a recurrent network must be {@code shared}
 */
public record NetworkSpec(List<Integer> actorHidden, List<Integer> criticHidden, Activation activation,
                          boolean shared, List<Conv> conv, double inputScale, int lstmHidden) {

    public NetworkSpec {
        actorHidden = List.copyOf(actorHidden);
        criticHidden = List.copyOf(criticHidden);
        conv = List.copyOf(conv);
        if (!(inputScale > 0) || Double.isInfinite(inputScale)) {
            throw new IllegalArgumentException("inputScale must be finite and > 0, got " + inputScale);
        }
        if (lstmHidden < 0) {
            throw new IllegalArgumentException("lstmHidden must be >= 0 (0: no LSTM), got " + lstmHidden);
        }
        if (lstmHidden > 0 && !shared) {
            throw new IllegalArgumentException("a recurrent network (lstmHidden " + lstmHidden
                    + ") must be shared: one trunk and one LSTM state feed both heads");
        }
    }

    /** A feed-forward network. */
    public NetworkSpec(List<Integer> actorHidden, List<Integer> criticHidden, Activation activation, boolean shared,
                       List<Conv> conv, double inputScale) {
        this(actorHidden, criticHidden, activation, shared, conv, inputScale, 0);
    }

    /** A multi-layer perceptron: no convolutional layers, observations used as they are. */
    public NetworkSpec(List<Integer> actorHidden, List<Integer> criticHidden, Activation activation, boolean shared) {
        this(actorHidden, criticHidden, activation, shared, List.of(), 1.0);
    }

    /** True when the network has an LSTM layer and so a state carried across the steps of an episode. */
    public boolean recurrent() {
        return lstmHidden > 0;
    }

    /** True when the network starts with convolutional layers (it then needs an image observation). */
    public boolean convolutional() {
        return !conv.isEmpty();
    }

    /**
     * One 2-D convolution with a square kernel, VALID padding (no zero border), followed by the
     * network's activation: an {@code H × W} input gives {@code ⌊(H − kernel) / stride⌋ + 1} rows
     * and as many columns computed the same way, with {@code filters} channels.
     *
     * @param filters output channels
     * @param kernel  kernel height and width
     * @param stride  step in both directions
     */
    public record Conv(int filters, int kernel, int stride) {

        public Conv {
            if (filters < 1 || kernel < 1 || stride < 1) {
                throw new IllegalArgumentException("a conv layer needs filters, kernel and stride >= 1, got "
                        + filters + ", " + kernel + ", " + stride);
            }
        }

        /** Output length along one spatial axis of length {@code input}, or 0 if the kernel does not fit. */
        public int outputLength(int input) {
            return input < kernel ? 0 : (input - kernel) / stride + 1;
        }
    }

    /** Hidden-layer activations the backends implement. */
    public enum Activation {
        TANH, RELU;

        public double apply(double x) {
            return this == TANH ? Math.tanh(x) : Math.max(0, x);
        }
    }
}
