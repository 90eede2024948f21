package dev.ppo.api.distribution;

import dev.ppo.api.space.Box;
import java.util.List;
import java.util.Locale;

/**
 * The distribution family of a policy over a {@link Box} action space ({@code ppo.box_distribution});
 * a Discrete action space always has a categorical policy.
 */
public enum BoxDistribution {
    /** Diagonal Gaussian, actions clipped to the box on their way into the env. */
    GAUSSIAN,
    /**
     * A Beta per dimension, scaled onto [low, high] (Chou et al. 2017): no probability mass outside
     * the box, so no clipping, and no log-std to collapse. Needs finite bounds.
     */
    BETA;

    /** The name used in configuration: {@code gaussian} or {@code beta}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every configuration name, for error messages. */
    public static List<String> configNames() {
        return java.util.Arrays.stream(values()).map(BoxDistribution::configName).toList();
    }

    /** The family named {@code name} in configuration ({@code gaussian} or {@code beta}). */
    public static BoxDistribution fromConfigName(String name) {
        for (BoxDistribution b : values()) {
            if (b.configName().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown box distribution '" + name + "'; allowed: " + configNames());
    }
}
