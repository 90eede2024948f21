package dev.ppo.runner.io;

import dev.ppo.api.metrics.IterationScalars;
import dev.ppo.api.metrics.ScalarSink;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's own record, the sink that is always on with a run directory: {@code scalars.jsonl}
 * (a row per iteration) and {@code episodes.jsonl} (a row per finished episode), or {@code .csv}
 * with {@code run.log_format = csv}. {@code compare}, {@code study} and the benchmarks read it;
 * a resumed run drops the rows after its checkpoint and writes them again.
 */
public final class RunLog implements ScalarSink {

    private final ScalarLog scalars;
    private final ScalarLog episodes;

    /**
     * @param format          {@code run.log_format}: jsonl or csv
     * @param resumedAt       iteration of the checkpoint a resumed run continues from, 0 for a new run
     * @param resumedAtStep   its environment step
     */
    public RunLog(String format, Path runDir, int resumedAt, long resumedAtStep) {
        this.scalars = new ScalarLog(runDir, "scalars", format, "iteration", resumedAt);
        this.episodes = new ScalarLog(runDir, "episodes", format, "global_step", resumedAtStep);
    }

    /** The last iteration the log held when opened (0 if none): a killed run had sent those to the sinks. */
    public long iterationsLoggedBefore() {
        return scalars.maxKeyBefore();
    }

    @Override
    public void write(IterationScalars iteration) {
        scalars.write(iteration.scalars());
        for (IterationScalars.FinishedEpisode e : iteration.episodes()) {
            Map<String, Number> row = new LinkedHashMap<>();
            row.put("global_step", e.globalStep());
            row.put("return", e.episodeReturn());
            row.put("length", e.length());
            row.put("time_s", iteration.scalars().get("time_s"));
            episodes.write(row);
        }
    }

    @Override
    public void close() {
        scalars.close();
        episodes.close();
    }
}
