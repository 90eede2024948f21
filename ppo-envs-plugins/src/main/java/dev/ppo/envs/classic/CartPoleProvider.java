package dev.ppo.envs.classic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.Settings;

/**
 * {@code CartPole-v1}: {@link CartPole} in a {@link TimeLimit} of {@code max_episode_steps} (500),
 * as {@code gymnasium.make("CartPole-v1")} builds it. Also takes Gymnasium's
 * {@code sutton_barto_reward} keyword argument.
 */
public final class CartPoleProvider implements EnvProvider {

    /** The Gymnasium id this provider registers. */
    public static final String NAME = "CartPole-v1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Gymnasium 1.3.0 CartPole-v1: balance a pole on a cart, Discrete(2), 500-step limit";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("max_episode_steps = 500\nsutton_barto_reward = false");
    }

    @Override
    public Env create(Settings settings) {
        int maxEpisodeSteps = EnvSettings.maxEpisodeSteps(settings);
        boolean suttonBartoReward = settings.getBoolean("sutton_barto_reward");
        return new TimeLimit(new CartPole(suttonBartoReward), maxEpisodeSteps);
    }
}
