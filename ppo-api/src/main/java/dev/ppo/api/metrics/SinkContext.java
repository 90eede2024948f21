package dev.ppo.api.metrics;

import dev.ppo.api.plugin.Settings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a sink is created with.
 *
 * @param settings          the sink's entry of {@code run.sinks}, its defaults merged in
 * @param runDirectory      where the run writes its files; empty when training without one (embedded)
 * @param totalSteps        {@code ppo.total_timesteps} rounded to whole iterations
 * @param startStep         environment steps already taken (0, or the resumed checkpoint's)
 * @param alreadySentUpTo   the last iteration a killed earlier process of this run delivered; a sink
 *                          that can only append (TensorBoard events, counters) skips iterations up
 *                          to it, which the resumed run recomputes; 0 for a new run
 */
public record SinkContext(Settings settings, Optional<Path> runDirectory, long totalSteps, long startStep,
                          int alreadySentUpTo) {
}
