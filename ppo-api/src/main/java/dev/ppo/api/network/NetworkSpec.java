package dev.ppo.api.network;

import java.util.List;

/**
 * A backend-neutral description of the actor-critic network: fully connected hidden layers for the
 * policy (actor) and the value function (critic), or one shared trunk with two heads.
 * Backends initialize it as the PPO details require: orthogonal weights (gain √2 for hidden
 * layers, 0.01 for the policy head, 1 for the value head) and zero biases.
 *
 * @param actorHidden  hidden layer widths of the policy network (the shared trunk when {@code shared})
 * @param criticHidden hidden layer widths of the value network (ignored when {@code shared})
 * @param activation   hidden activation
 * @param shared       one trunk feeds both heads
 */
public record NetworkSpec(List<Integer> actorHidden, List<Integer> criticHidden, Activation activation,
                          boolean shared) {

    public NetworkSpec {
        actorHidden = List.copyOf(actorHidden);
        criticHidden = List.copyOf(criticHidden);
    }

    /** Hidden-layer activations the backends implement. */
    public enum Activation {
        TANH, RELU;

        public double apply(double x) {
            return this == TANH ? Math.tanh(x) : Math.max(0, x);
        }
    }
}
