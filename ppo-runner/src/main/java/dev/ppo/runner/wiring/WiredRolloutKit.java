package dev.ppo.runner.wiring;

import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.env.Env;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.algo.ActionDistribution;
import dev.ppo.runner.algo.RolloutKit;
import dev.ppo.runner.algo.StallTermination;
import dev.ppo.runner.config.PpoConfig;

/** A {@link RolloutKit} from a run's wiring: its env factory, backend plugin and model. */
record WiredRolloutKit(PpoConfig ppo, EnvFactory envs, BackendProvider backend, Settings backendSettings,
                       ModelSpec spec, long seed) implements RolloutKit {

    @Override
    public Env newEnv() {
        return StallTermination.wrapIfOn(envs.create(), ppo.stallTerminationSteps());
    }

    @Override
    public Backend newBackend() {
        return PluginCall.call("backend plugin " + backend.name(), "create()", () -> backend.create(backendSettings, spec));
    }

    @Override
    public ActionDistribution distribution() {
        return ActionDistribution.of(spec);
    }
}
