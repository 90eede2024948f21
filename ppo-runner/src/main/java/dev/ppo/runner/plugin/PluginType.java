package dev.ppo.runner.plugin;

import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.metrics.ScalarSinkProvider;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Plugin;

/** The four kinds of plugin, each selected by {@code <block>.name} in the configuration. */
public enum PluginType {
    ENV("env", EnvProvider.class),
    OBJECTIVE("objective", ObjectiveProvider.class),
    NETWORK("network", NetworkProvider.class),
    BACKEND("backend", BackendProvider.class),
    /** Scalar sinks are listed by name in {@code run.sinks}. */
    SINK("sink", ScalarSinkProvider.class);

    private final String block;
    private final Class<? extends Plugin> service;

    PluginType(String block, Class<? extends Plugin> service) {
        this.block = block;
        this.service = service;
    }

    /** The configuration block, e.g. {@code objective}. */
    public String block() {
        return block;
    }

    public Class<? extends Plugin> service() {
        return service;
    }
}
