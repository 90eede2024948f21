package dev.ppo.runner.plugin;

import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.WrapperProvider;
import dev.ppo.api.metrics.ScalarSinkProvider;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Plugin;

/**
 * The kinds of plugin: four selected by {@code <block>.name} in the configuration, sinks listed in
 * {@code run.sinks}, wrappers in {@code env.wrappers}.
 */
public enum PluginType {
    ENV("env", "env.name", EnvProvider.class),
    OBJECTIVE("objective", "objective.name", ObjectiveProvider.class),
    NETWORK("network", "network.name", NetworkProvider.class),
    BACKEND("backend", "backend.name", BackendProvider.class),
    /** Scalar sinks are listed by name in {@code run.sinks}. */
    SINK("sink", "run.sinks", ScalarSinkProvider.class),
    /** Observation wrappers are listed, with their settings, in {@code env.wrappers}. */
    WRAPPER("wrapper", "env.wrappers", WrapperProvider.class);

    private final String block;
    private final String chosenBy;
    private final Class<? extends Plugin> service;

    PluginType(String block, String chosenBy, Class<? extends Plugin> service) {
        this.block = block;
        this.chosenBy = chosenBy;
        this.service = service;
    }

    /** The configuration key that chooses plugins of this type, e.g. {@code run.sinks}. */
    public String chosenBy() {
        return chosenBy;
    }

    /** The configuration block, e.g. {@code objective}. */
    public String block() {
        return block;
    }

    public Class<? extends Plugin> service() {
        return service;
    }
}
