package dev.ppo.runner.wiring;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.plugin.Settings;

/** The selected env plugin with its settings: makes as many envs as the run needs. */
public record EnvFactory(EnvProvider provider, Settings settings) {

    public Env create() {
        return provider.create(settings);
    }
}
