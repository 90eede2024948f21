package dev.ppo.api.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a training iteration recorded, named once by the runner and given to every sink
 * (the run's scalar log, TensorBoard, OpenTelemetry, the progress bar, plugins).
 *
 * @param iteration  1 for the first iteration of a run
 * @param globalStep environment steps taken by the run (all envs) after this iteration
 * @param scalars    every named value in a fixed order, e.g. {@code episode_return}, {@code approx_kl},
 *                   {@code clip_fraction}, {@code sps}; NaN where an iteration has none (no episode ended)
 * @param episodes   the episodes that finished during the iteration
 */
public record IterationScalars(int iteration, long globalStep, Map<String, Number> scalars,
                               List<FinishedEpisode> episodes) {

    public IterationScalars {
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        episodes = List.copyOf(episodes);
    }

    /**
     * An episode that ended, as Gymnasium's {@code RecordEpisodeStatistics} reports it.
     *
     * @param globalStep    environment steps taken by the run when it ended
     * @param episodeReturn the undiscounted sum of its rewards
     * @param length        its steps
     */
    public record FinishedEpisode(long globalStep, double episodeReturn, int length) {
    }

    /** The value named {@code name} as a double, NaN if the iteration has none. */
    public double get(String name) {
        Number n = scalars.get(name);
        return n == null ? Double.NaN : n.doubleValue();
    }
}
