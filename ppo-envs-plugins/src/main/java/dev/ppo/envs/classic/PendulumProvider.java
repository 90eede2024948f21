package dev.ppo.envs.classic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.Settings;

/**
 * {@code Pendulum-v1}: {@link Pendulum} in a {@link TimeLimit} of {@code max_episode_steps} (200),
 * as {@code gymnasium.make("Pendulum-v1", g=...)} builds it.
 */
public final class PendulumProvider implements EnvProvider {

    /** The Gymnasium id this provider registers. */
    public static final String NAME = "Pendulum-v1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Gymnasium 1.3.0 Pendulum-v1: swing up a pendulum, Box(1) torque in [-2, 2], 200-step limit";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("max_episode_steps = 200\ng = 10.0");
    }

    @Override
    public Env create(Settings settings) {
        int maxEpisodeSteps = EnvSettings.maxEpisodeSteps(settings);
        double g = settings.getDouble("g");
        if (!Double.isFinite(g)) {
            throw settings.invalid("g", g, "must be a finite number");
        }
        return new TimeLimit(new Pendulum(g), maxEpisodeSteps);
    }
}
