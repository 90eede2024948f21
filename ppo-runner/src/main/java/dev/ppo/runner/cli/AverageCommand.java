package dev.ppo.runner.cli;

import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.CheckpointAverage;
import dev.ppo.runner.io.CheckpointStore;
import dev.ppo.runner.io.CheckpointStore.Checkpoint;
import dev.ppo.runner.io.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppo average runs/x --last 6 --out models/y} or {@code ppo average CKPT CKPT... --out DIR}:
 * the weight average of checkpoints of one run, written as a model directory (see
 * {@link CheckpointAverage}).
 */
@Command(name = "average", mixinStandardHelpOptions = true,
        description = "Average the weights of checkpoints of one run (stochastic weight averaging) into a model"
                + " directory that eval, play and export read.")
final class AverageCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR",
            description = "checkpoints or saved policies of one run; or, with --last, the run directory")
    List<Path> sources;

    @Option(names = "--last", paramLabel = "N", description = "average the run directory's N newest checkpoints")
    Integer last;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "new or empty output directory")
    Path out;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        List<Path> dirs = sources;
        if (last != null) {
            if (sources.size() != 1) {
                throw new PpoException("--last takes one run directory; got " + sources.size() + " directories");
            }
            dirs = CheckpointAverage.lastCheckpoints(sources.get(0), last);
        } else {
            for (Path dir : sources) {
                if (Files.isDirectory(dir.resolve("checkpoints"))) {
                    throw new PpoException(dir + " is a run directory; name its checkpoints (" + dir.resolve("checkpoints")
                            + "/iter-...) or pass --last N");
                }
            }
        }
        DurableFiles.requireNewOrEmpty(out, "output directory"); // before loading what may be large checkpoints
        List<Checkpoint> checkpoints = dirs.stream().map(CheckpointStore::load).toList();
        CheckpointAverage.write(out, checkpoints);
        Checkpoint newest = CheckpointAverage.newest(checkpoints);
        System.out.println("averaged the weights of " + checkpoints.size() + " checkpoints (iterations "
                + checkpoints.stream().map(c -> String.valueOf(c.state().iteration())).toList() + ") into " + out
                + "; optimizer state, normalization statistics and counters are " + newest.dir() + "'s; sources in "
                + out.resolve(CheckpointAverage.PROVENANCE));
        return 0;
    }
}
