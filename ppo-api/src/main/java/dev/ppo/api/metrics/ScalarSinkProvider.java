package dev.ppo.api.metrics;

import dev.ppo.api.plugin.Plugin;
import java.nio.file.Path;

/**
 * Creates a {@link ScalarSink} for a run directory; selected by name in {@code run.sinks}
 * (built in: {@code tensorboard}). Registered like every provider, with {@code provides} in
 * {@code module-info.java} and in {@code META-INF/services}.
 */
public interface ScalarSinkProvider extends Plugin {

    /** @param runDirectory where the run writes its files; the sink writes beside them */
    ScalarSink create(Path runDirectory);
}
