package dev.ppo.runner.cli;

import com.typesafe.config.Config;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.Trainer;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ppo train CONF [--set k=v]... [--run-dir DIR]} or {@code ppo train --resume RUN_DIR}. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a policy from a HOCON preset.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "CONF", description = "preset file, e.g. conf/cartpole.conf; the embedded defaults if omitted")
    Path preset;

    @Mixin
    OverrideOptions set;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "run directory (default: <run.dir>/<env>-<objective>-<time>)")
    Path runDir;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a run from its latest checkpoint")
    Path resume;

    @Option(names = "--checkpoint", paramLabel = "NAME",
            description = "with --resume: continue from this checkpoint (e.g. iter-000070) instead of the latest")
    String checkpoint;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path dir;
        Trainer trainer;
        if (resume != null) {
            if (preset != null || runDir != null) {
                throw new PpoException("--resume continues a run in its own directory with its saved config; "
                        + "give no CONF or --run-dir (use --set to change settings)");
            }
            dir = resume;
            trainer = Ppo.resume(resume, checkpoint, set.overrides, common.pluginDirs);
        } else {
            if (checkpoint != null) {
                throw new PpoException("--checkpoint picks the checkpoint to continue from; it needs --resume RUN_DIR");
            }
            Config config = ConfigLoader.load(preset, set.overrides);
            dir = runDir != null ? runDir : defaultRunDir(config);
            trainer = Ppo.trainer(config, common.pluginDirs).runDirectory(dir);
        }
        try (trainer) {
            System.err.println("run directory: " + dir);
            trainer.learn();
            printSummary(trainer.summary(), dir);
        }
        return 0;
    }

    /** The closing lines: what was trained, how fast, where it is, and what to run next. */
    private static void printSummary(Trainer.Summary s, Path dir) {
        if (s == null) {
            return;
        }
        System.out.printf("trained %,d steps in %.1f s (%,.0f steps/s); %s%n", s.steps(), s.seconds(),
                s.steps() / Math.max(s.seconds(), 1e-9), Double.isNaN(s.recentMeanReturn()) ? "no episode finished"
                        : String.format("mean return of the last %d episodes: %.2f", s.recentEpisodes(),
                        s.recentMeanReturn()));
        if (s.stopReason() != null) {
            System.out.println("stopped early: " + s.stopReason());
        }
        if (s.bestEvalReturn() > Double.NEGATIVE_INFINITY) {
            System.out.printf("best evaluation during training: mean return %.2f (model in %s)%n", s.bestEvalReturn(),
                    dir.resolve("best"));
        }
        System.out.println("run directory: " + dir + (s.lastCheckpoint() == null ? ""
                : "; last checkpoint: " + dir.relativize(s.lastCheckpoint())));
        System.out.println("next: bin/ppo eval " + dir + " --episodes 20   (or: bin/ppo play " + dir + " --gif run.gif)");
    }

    private static Path defaultRunDir(Config config) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(config.getString("run.dir"), config.getString("env.name") + "-"
                + config.getString("objective.name") + "-" + stamp);
    }
}
