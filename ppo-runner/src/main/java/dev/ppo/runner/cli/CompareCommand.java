package dev.ppo.runner.cli;

import dev.ppo.runner.study.StudyReport;
import dev.ppo.runner.study.StudyRunner;
import dev.ppo.runner.study.StudySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppo compare STUDY.conf --out DIR}: trains a matrix of objectives × envs × seeds (resuming
 * an interrupted study) and writes the table (Markdown, JSON), CSVs and learning-curve PNGs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare objectives across envs and seeds (the PPO paper's Table 1).")
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "STUDY", description = "study file, e.g. conf/compare.conf")
    Path study;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (runs and results)")
    Path out;

    @Option(names = "--runs", paramLabel = "DIR", description = "where the runs go (default: <out>/runs)")
    Path runs;

    @Option(names = "--report-only", description = "write the results from the runs already finished, train nothing")
    boolean reportOnly;

    @Option(names = "--charts-only", description = "redraw the charts from <out>/curves.csv alone (no runs needed)")
    boolean chartsOnly;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        StudySpec spec = StudySpec.read(study);
        if (chartsOnly) {
            new StudyReport(spec, null, out).redrawCharts();
            System.out.println("charts redrawn from " + out.resolve("curves.csv") + " in " + out);
            return 0;
        }
        Files.createDirectories(out);
        StudyRunner runner = new StudyRunner(spec, runs != null ? runs : out.resolve("runs"),
                common.pluginDirs, System.err::println);
        if (!reportOnly) {
            runner.runAll();
        }
        Map<String, Double> random = runner.randomScores();
        new StudyReport(spec, runner, out).write(random);
        System.out.print(Files.readString(out.resolve("table.md")));
        return 0;
    }
}
