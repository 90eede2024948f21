package dev.ppo.runner.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.metrics.IterationScalars;
import dev.ppo.api.metrics.ScalarSink;
import dev.ppo.api.metrics.ScalarSinkProvider;
import dev.ppo.api.metrics.SinkContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code run.sinks = [recording]} or {@code [{name = recording, file = x.txt, only = value_loss}]}:
 * appends "tag step" to {@code RUN_DIR/<file>}, and, like TensorBoard, only ever appends, so it
 * skips the iterations an earlier process already sent.
 */
public final class RecordingSinkProvider implements ScalarSinkProvider {

    public static final String FILE = "recorded.txt";

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("file = \"" + FILE + "\"\nonly = \"\"");
    }

    @Override
    public ScalarSink create(SinkContext context) {
        Path file = context.runDirectory().orElseThrow().resolve(context.settings().getString("file"));
        String only = context.settings().getString("only");
        return iteration -> {
            if (iteration.iteration() <= context.alreadySentUpTo()) {
                return;
            }
            iteration.scalars().forEach((tag, value) -> {
                if (only.isEmpty() || only.equals(tag)) {
                    append(file, tag + " " + iteration.globalStep() + "\n");
                }
            });
        };
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
