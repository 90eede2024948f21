package dev.ppo.envs.box2d.carracing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Conformance;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.Settings;

/**
 * {@code CarRacing-v3}: {@link CarRacing} in a {@link TimeLimit} of {@code max_episode_steps} (1000),
 * as {@code gymnasium.make("CarRacing-v3", continuous=..., domain_randomize=..., lap_complete_percent=...)}
 * builds it.
 */
public final class CarRacingProvider implements EnvProvider {

    /** The Gymnasium id this provider registers. */
    public static final String NAME = "CarRacing-v3";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Gymnasium 1.3.0 CarRacing-v3: drive a random track from 96x96x3 pixels, "
                + "Box(3) or Discrete(5) (continuous = false), 1000-step limit";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("""
                max_episode_steps = 1000
                continuous = true
                domain_randomize = false
                lap_complete_percent = 0.95
                """);
    }

    /**
     * Car physics follows Box2D within float32 ulps and rewards exactly, but the pixels are drawn by
     * Java2D rather than pygame: channel means agree within 1.5 (measured: 0.43), see
     * CarRacingGoldenTest.
     */
    @Override
    public Conformance conformance() {
        return new Conformance(1e-4, 1e-9, 0, 1.5);
    }

    @Override
    public Env create(Settings settings) {
        String key = "max_episode_steps";
        double raw = settings.getDouble(key);
        if (raw != Math.rint(raw)) {
            // Typesafe Config's getInt would silently truncate 1.5 to 1
            throw settings.invalid(key, raw, "must be an integer >= 1");
        }
        int maxEpisodeSteps = settings.intAtLeast(key, 1);
        boolean continuous = settings.getBoolean("continuous");
        boolean domainRandomize = settings.getBoolean("domain_randomize");
        // Gymnasium takes any float; outside [0, 1] the lap would end at once or never.
        double lapCompletePercent = settings.inClosed("lap_complete_percent", 0.0, 1.0);
        return new TimeLimit(new CarRacing(continuous, domainRandomize, lapCompletePercent), maxEpisodeSteps);
    }
}
