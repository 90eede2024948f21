package dev.ppo.api.metrics;

import dev.ppo.api.plugin.Plugin;

/**
 * Creates a {@link ScalarSink}; selected in {@code run.sinks} by name or as a block with its
 * settings, e.g. {@code run.sinks = [tensorboard, {name = my-sink, every = 10}]} (built in:
 * {@code tensorboard}). The settings a sink accepts are its {@link #defaults()}. Registered like
 * every provider, with {@code provides} in {@code module-info.java} and in {@code META-INF/services}.
 */
public interface ScalarSinkProvider extends Plugin {

    ScalarSink create(SinkContext context);
}
