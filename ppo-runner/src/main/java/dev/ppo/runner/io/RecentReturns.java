package dev.ppo.runner.io;

import dev.ppo.api.metrics.IterationScalars;
import java.util.ArrayDeque;
import java.util.Deque;

/** The returns of the last 20 finished episodes: the figure the progress bar and the closing line show. */
public final class RecentReturns {

    private static final int WINDOW = 20;
    private final Deque<Double> returns = new ArrayDeque<>();

    public void add(IterationScalars iteration) {
        for (IterationScalars.FinishedEpisode e : iteration.episodes()) {
            returns.addLast(e.episodeReturn());
            if (returns.size() > WINDOW) {
                returns.removeFirst();
            }
        }
    }

    /** Their mean, NaN before an episode finished. */
    public double mean() {
        return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public int count() {
        return returns.size();
    }
}
