package dev.ppo.runner.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.typesafe.config.Config;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.distribution.BetaDistribution;
import dev.ppo.api.distribution.BoxDistribution;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.WrapperProvider;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.runner.algo.PpoAlgorithm;
import dev.ppo.runner.algo.LocalRollouts;
import dev.ppo.runner.algo.RolloutKit;
import dev.ppo.runner.algo.Rollouts;
import dev.ppo.runner.algo.RolloutsProvider;
import dev.ppo.runner.config.PpoConfig;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.util.ArrayList;
import java.util.List;

/**
 * Guice wiring of one run: the plugins named in the configuration, each created with its own
 * settings block, and the PPO algorithm built from them. Nothing here names a concrete plugin.
 */
public final class PpoModule extends AbstractModule {

    private final Config config;
    private final PluginRegistry registry;

    public PpoModule(Config config, PluginRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Provides
    @Singleton
    Config config() {
        return config;
    }

    @Provides
    @Singleton
    PpoConfig ppoConfig() {
        return PpoConfig.from(new Settings("ppo", config.getConfig("ppo")));
    }

    @Provides
    @Named("seed")
    long seed() {
        return new Settings("", config).getLong("seed");
    }

    @Provides
    @Singleton
    EnvFactory envFactory(PpoConfig ppo) {
        PluginRegistry.Selected<EnvProvider> env = registry.select(PluginType.ENV, config);
        return new EnvFactory(env.plugin(), env.settings(), wrappers(), ppo.frameStack());
    }

    /** {@code env.wrappers}: a list of blocks, each {@code {name = ..., settings...}}. */
    private List<EnvFactory.Wrapping> wrappers() {
        List<PluginRegistry.Selected<WrapperProvider>> wrappers = registry.selectAll(PluginType.WRAPPER, config,
                "{name = grayscale}, {name = resize, shape = [64, 64]}");
        return wrappers.stream().map(w -> new EnvFactory.Wrapping(w.plugin(), w.settings())).toList();
    }

    @Provides
    @Singleton
    Objective objective() {
        PluginRegistry.Selected<ObjectiveProvider> objective = registry.select(PluginType.OBJECTIVE, config);
        return PluginCall.call("objective plugin " + objective.plugin().name(), "create()",
                () -> objective.plugin().create(objective.settings()));
    }

    @Provides
    @Singleton
    NetworkSpec network() {
        PluginRegistry.Selected<NetworkProvider> network = registry.select(PluginType.NETWORK, config);
        return PluginCall.call("network plugin " + network.plugin().name(), "create()",
                () -> network.plugin().create(network.settings()));
    }

    @Provides
    @Singleton
    ModelSpec modelSpec(EnvFactory envs, NetworkSpec network, Objective objective, PpoConfig ppo,
                        @Named("seed") long seed) {
        Space observationSpace;
        Space actionSpace;
        try (Env probe = envs.create()) {
            observationSpace = probe.observationSpace();
            actionSpace = probe.actionSpace();
        }
        if (!(observationSpace instanceof Box)) {
            throw new PpoException("env '" + envs.provider().name() + "' has observation space " + observationSpace
                    + "; the built-in networks need a Box");
        }
        if (!(actionSpace instanceof Discrete) && !(actionSpace instanceof Box)) {
            throw new PpoException("unsupported action space " + actionSpace);
        }
        if (actionSpace instanceof Box box && ppo.boxDistribution() == BoxDistribution.BETA) {
            try {
                BetaDistribution.on(box); // the Beta policy's own bounds rule, checked here to name the setting
            } catch (IllegalArgumentException e) {
                throw new PpoException("ppo.box_distribution = beta needs finite action bounds with low < high; env '"
                        + envs.provider().name() + "' has action space " + box + " (" + e.getMessage()
                        + "); use ppo.box_distribution = gaussian");
            }
        }
        if (network.recurrent() && ppo.sequenceProblem() != null) {
            throw new PpoException(ppo.sequenceProblem() + "; network.lstm_hidden = " + network.lstmHidden()
                    + " makes the policy recurrent");
        }
        return new ModelSpec(((Box) observationSpace).shape(), actionSpace, network, objective, ppo.valueCoef(),
                ppo.entropyCoef(), ppo.valueClip(), ppo.maxGradNorm(), ppo.adamEpsilon(),
                ppo.learnActionStd() ? ppo.initLogStd() : Math.log(ppo.actionStdInit()),
                ppo.learnActionStd() || !(actionSpace instanceof Box), seed, ppo.boxDistribution(),
                network.recurrent() ? ppo.sequenceLength() : 0);
    }

    @Provides
    @Singleton
    Backend backend(ModelSpec spec) {
        PluginRegistry.Selected<BackendProvider> backend = registry.select(PluginType.BACKEND, config);
        return PluginCall.call("backend plugin " + backend.plugin().name(), "create()",
                () -> backend.plugin().create(backend.settings(), spec));
    }

    @Provides
    @Singleton
    Rollouts rollouts(PpoConfig ppo, RolloutKit kit) {
        if (config.hasPath("cluster.enabled") && config.getBoolean("cluster.enabled")) {
            RolloutsProvider cluster = registry.rolloutsProvider().orElseThrow(() -> new PpoException(
                    "cluster.enabled = true needs the ppo-cluster module on the module path (bin/ppo has it);"
                            + " it was not found"));
            return cluster.learner(config, kit);
        }
        List<Env> envs = new ArrayList<>();
        for (int i = 0; i < ppo.numEnvs(); i++) {
            envs.add(kit.newEnv());
        }
        return new LocalRollouts(envs, ppo.parallelEnvs());
    }

    @Provides
    @Singleton
    RolloutKit rolloutKit(PpoConfig ppo, EnvFactory envs, ModelSpec spec, @Named("seed") long seed) {
        PluginRegistry.Selected<BackendProvider> backend = registry.select(PluginType.BACKEND, config);
        return new WiredRolloutKit(ppo, envs, backend.plugin(), backend.settings(), spec, seed);
    }

    @Provides
    @Singleton
    PpoAlgorithm algorithm(PpoConfig ppo, Rollouts envs, Backend backend, Objective objective,
                           @Named("seed") long seed) {
        return new PpoAlgorithm(ppo, envs, backend, objective, seed);
    }
}
