package dev.ppo.envs.box2d.lunarlander;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Conformance;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.Settings;

/**
 * {@code LunarLander-v3}: {@link LunarLander} in a {@link TimeLimit} of {@code max_episode_steps}
 * (1000), as {@code gymnasium.make("LunarLander-v3", **kwargs)} builds it. Takes Gymnasium's keyword
 * arguments {@code continuous}, {@code gravity}, {@code enable_wind}, {@code wind_power} and
 * {@code turbulence_power}, checked as Gymnasium's constructor does: gravity must lie in (-12, 0);
 * wind and turbulence powers outside their recommended ranges (0..20, 0..2) only log a warning.
 */
public class LunarLanderProvider implements EnvProvider {

    /** The Gymnasium id this provider registers. */
    public static final String NAME = "LunarLander-v3";

    private static final System.Logger LOG = System.getLogger(LunarLanderProvider.class.getName());

    private final String name;
    private final boolean continuousDefault;

    public LunarLanderProvider() {
        this(NAME, false);
    }

    LunarLanderProvider(String name, boolean continuousDefault) {
        this.name = name;
        this.continuousDefault = continuousDefault;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Gymnasium 1.3.0 " + name + " (JBox2D): land on the pad, "
                + (continuousDefault ? "Box(2) throttles" : "Discrete(4)") + ", optional wind, 1000-step limit";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("continuous = " + continuousDefault + "\n"
                + "gravity = -10.0\n"
                + "enable_wind = false\n"
                + "wind_power = 15.0\n"
                + "turbulence_power = 1.5\n"
                + "max_episode_steps = 1000");
    }

    /**
     * JBox2D is float32 like Box2D 2.3 but not bit-identical (glibc's sinf differs from Java's by an
     * ulp in a few percent of angles), so recordings are followed within 1e-4 for the first 50 steps;
     * later, ground contacts amplify those ulps (see LunarLanderGoldenTest).
     */
    @Override
    public Conformance conformance() {
        return new Conformance(1e-4, 1e-3, 50, 0);
    }

    @Override
    public Env create(Settings settings) {
        int maxEpisodeSteps = settings.intAtLeast("max_episode_steps", 1);
        boolean continuous = settings.getBoolean("continuous");
        double gravity = settings.getDouble("gravity");
        if (!(-12.0 < gravity && gravity < 0.0)) {
            throw settings.invalid("gravity", gravity, "must be between -12 and 0 (exclusive), as Gymnasium asserts");
        }
        boolean enableWind = settings.getBoolean("enable_wind");
        double windPower = finite(settings, "wind_power");
        if (windPower < 0.0 || windPower > 20.0) {
            LOG.log(System.Logger.Level.WARNING, "{0} value is recommended to be between 0.0 and 20.0, (current value: {1})",
                    settings.fullKey("wind_power"), windPower);
        }
        double turbulencePower = finite(settings, "turbulence_power");
        if (turbulencePower < 0.0 || turbulencePower > 2.0) {
            LOG.log(System.Logger.Level.WARNING, "{0} value is recommended to be between 0.0 and 2.0, (current value: {1})",
                    settings.fullKey("turbulence_power"), turbulencePower);
        }
        return new TimeLimit(new LunarLander(continuous, gravity, enableWind, windPower, turbulencePower), maxEpisodeSteps);
    }

    private static double finite(Settings settings, String key) {
        double value = settings.getDouble(key);
        if (!Double.isFinite(value)) {
            throw settings.invalid(key, value, "must be a finite number");
        }
        return value;
    }
}
