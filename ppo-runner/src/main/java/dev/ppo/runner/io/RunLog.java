package dev.ppo.runner.io;

import dev.ppo.api.metrics.IterationScalars;
import dev.ppo.api.metrics.ScalarSink;
import dev.ppo.api.plugin.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param run             the {@code run} block ({@code log_format})
     * @param resumedAt       iteration of the checkpoint a resumed run continues from, 0 for a new run
     * @param resumedAtStep   its environment step
     */
    public RunLog(Settings run, Path runDir, int resumedAt, long resumedAtStep) {
        String format = run.oneOf("log_format", List.of("jsonl", "csv"));
        this.scalars = new ScalarLog(runDir, "scalars", format, "iteration", resumedAt);
        this.episodes = new ScalarLog(runDir, "episodes", format, "global_step", resumedAtStep);
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
