package dev.ppo.api.network;

import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;

/**
 * Describes the actor-critic network, selected with {@code network.name} (built in: {@code mlp},
 * {@code nature-cnn}).
 * The backend turns the returned {@link NetworkSpec} into its own layers.
 */
public interface NetworkProvider extends Plugin {

    /** @param settings the {@code network} block, defaults merged in */
    NetworkSpec create(Settings settings);
}
