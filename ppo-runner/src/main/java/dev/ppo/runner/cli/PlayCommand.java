package dev.ppo.runner.cli;

import dev.ppo.runner.Evaluation;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.GifWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ppo play RUN_DIR --episodes 3 --gif out.gif}: records episodes of a policy as an animated GIF. */
@Command(name = "play", mixinStandardHelpOptions = true, description = "Run a trained (or random) policy and record it as an animated GIF.")
final class PlayCommand implements Callable<Integer> {

    @Mixin
    AgentOptions agent;

    @Option(names = "--episodes", defaultValue = "1", description = "episodes to record (default 1)")
    int episodes;

    @Option(names = "--gif", required = true, paramLabel = "FILE", description = "output file")
    Path gif;

    @Option(names = "--fps", defaultValue = "30", description = "frames per second of the GIF (default 30)")
    double fps;

    @Option(names = "--every", defaultValue = "1", description = "keep every n-th frame (default 1)")
    int every;

    @Option(names = "--scale", defaultValue = "1", description = "GIF size relative to the env's frames (default 1)")
    double scale;

    @Option(names = "--seed", defaultValue = "0", description = "episode k is reset with seed + k (default 0)")
    long seed;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (episodes < 1) {
            throw new PpoException("--episodes must be at least 1, got " + episodes);
        }
        if (!(fps > 0 && fps <= 100)) {
            throw new PpoException("--fps must be in (0, 100] (a GIF counts frame delays in hundredths of a second), got " + fps);
        }
        if (every < 1) {
            throw new PpoException("--every must be at least 1, got " + every);
        }
        if (!(scale > 0 && scale <= 16)) {
            throw new PpoException("--scale must be in (0, 16], got " + scale);
        }
        int[] count = {0};
        Evaluation result;
        try (AgentOptions.Agent a = agent.open(common.pluginDirs, seed);
             GifWriter writer = new GifWriter(gif, fps, scale)) {
            result = Evaluation.run(a.actor(), a.env(), episodes, seed, frame -> {
                if (count[0]++ % Math.max(1, every) == 0) {
                    writer.write(frame);
                }
            });
        }
        System.out.printf("%s: %d episodes, returns %s, %d frames%n", gif, result.episodes(), result.returns(),
                (count[0] + Math.max(1, every) - 1) / Math.max(1, every));
        return 0;
    }
}
