package dev.ppo.runner.testing;

import dev.ppo.api.metrics.ScalarSink;
import dev.ppo.api.metrics.ScalarSinkProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code run.sinks = [recording]}: appends "tag step" to {@code RUN_DIR/recorded.txt}, as TensorBoard would store events. */
public final class RecordingSinkProvider implements ScalarSinkProvider {

    public static final String FILE = "recorded.txt";

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public ScalarSink create(Path runDirectory) {
        Path file = runDirectory.resolve(FILE);
        return new ScalarSink() {
            @Override
            public void write(String tag, long step, double value) {
                try {
                    Files.writeString(file, tag + " " + step + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
