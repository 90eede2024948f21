package dev.ppo.runner;

import com.google.inject.Guice;
import dev.ppo.runner.algo.RolloutKit;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.name.Names;
import com.google.inject.spi.Message;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.env.Env;
import dev.ppo.runner.algo.ActionDistribution;
import dev.ppo.runner.algo.Normalization;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.CheckpointStore;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import dev.ppo.runner.wiring.EnvFactory;
import dev.ppo.runner.wiring.PpoModule;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Entry point for using ppo-java from Java code, in the spirit of Stable-Baselines3's
 * {@code PPO("MlpPolicy", env).learn(n)}:
 * <pre>{@code
 * try (Trainer trainer = Ppo.trainer("env.name = CartPole-v1\nppo.total_timesteps = 100000")) {
 *     trainer.learn();
 *     Policy policy = trainer.policy();
 *     float[] action = policy.act(observation);
 *     policy.save(Path.of("models/cartpole"));
 * }
 * Policy again = Ppo.loadPolicy(Path.of("models/cartpole"));
 * }</pre>
 * Configuration follows the same rules as the CLI: the embedded defaults, overridden by the given
 * HOCON, overridden by {@code key=value} overrides.
 */
public final class Ppo {

    private Ppo() {
    }

    /**
     * What the embedding API changes in the defaults: a library is silent, so no progress bar unless
     * the configuration asks for one ({@code run.progress = true}).
     */
    static final Config EMBEDDED_DEFAULTS = com.typesafe.config.ConfigFactory.parseString("run.progress = false",
            com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("embedding API defaults"));

    /** A trainer for HOCON text (e.g. {@code "objective.name = adaptive-kl"}). */
    public static Trainer trainer(String hocon, String... overrides) {
        return trainer(ConfigLoader.loadString(hocon, List.of(overrides), EMBEDDED_DEFAULTS));
    }

    /** A trainer for a preset file. */
    public static Trainer trainer(Path presetFile, String... overrides) {
        return trainer(ConfigLoader.load(presetFile, List.of(overrides), EMBEDDED_DEFAULTS));
    }

    /** A trainer for a configuration already loaded (see {@link ConfigLoader}). */
    public static Trainer trainer(Config config) {
        return trainer(config, List.of());
    }

    /** Like {@link #trainer(Config)}, finding third-party plugins in {@code pluginDirs} too. */
    public static Trainer trainer(Config config, List<Path> pluginDirs) {
        PluginRegistry registry = PluginRegistry.load(pluginDirs(config, pluginDirs));
        return new Trainer(config, injector(config, registry), registry);
    }

    /**
     * A trainer for envs built in code rather than found as a plugin, SB3's {@code PPO(policy, env)}:
     * {@code envs} is called once per parallel env (and for evaluation), and {@code env.name} becomes
     * {@value InCodeEnv#NAME}. Everything else (wrappers, checks, checkpoints, evaluation) is as for a
     * plugin env. A run trained this way is evaluated from code ({@link Trainer#policy()}); the CLI
     * cannot rebuild its env.
     */
    public static Trainer trainer(Config config, Supplier<? extends Env> envs) {
        Config withEnv = ConfigFactory.parseString("env.name = \"" + InCodeEnv.NAME + "\"").withFallback(config);
        PluginRegistry registry = PluginRegistry.load(pluginDirs(config, List.of()))
                .with(PluginType.ENV, new InCodeEnv(envs));
        return new Trainer(withEnv, injector(withEnv, registry), registry);
    }

    /**
     * A trainer that continues the run in {@code runDir} from its latest checkpoint, with its saved
     * configuration ({@code overrides} on top, e.g. a larger {@code ppo.total_timesteps}).
     */
    public static Trainer resume(Path runDir, List<String> overrides, List<Path> pluginDirs) {
        return resume(runDir, null, overrides, pluginDirs);
    }

    /** Like {@link #resume(Path, List, List)} from the named checkpoint (e.g. {@code iter-000070}); null for the latest. */
    public static Trainer resume(Path runDir, String checkpointName, List<String> overrides, List<Path> pluginDirs) {
        if (!java.nio.file.Files.isDirectory(runDir.resolve("checkpoints"))) {
            throw new PpoException(runDir + " is not a run directory (it has no checkpoints/); only a run can be resumed");
        }
        CheckpointStore.Checkpoint checkpoint = CheckpointStore.load(runDir, checkpointName);
        Config config = ConfigLoader.merge(checkpoint.config(), overrides);
        return trainer(config, pluginDirs).resumeFrom(checkpoint).runDirectory(runDir);
    }

    /** Loads a policy from a run directory (its latest checkpoint), a checkpoint or a saved policy. */
    public static Policy loadPolicy(Path dir) {
        return loadPolicy(dir, List.of());
    }

    /** Like {@link #loadPolicy(Path)}, finding third-party plugins in {@code pluginDirs} too. */
    public static Policy loadPolicy(Path dir, List<Path> pluginDirs) {
        return loadPolicy(dir, pluginDirs, List.of());
    }

    /**
     * Like {@link #loadPolicy(Path, List)} with {@code key=value} overrides of the saved
     * configuration, e.g. {@code backend.name=java} to act with the other backend (both read the same
     * checkpoints).
     */
    public static Policy loadPolicy(Path dir, List<Path> pluginDirs, List<String> overrides) {
        CheckpointStore.Checkpoint checkpoint = CheckpointStore.load(dir);
        Config config = ConfigLoader.merge(checkpoint.config(), overrides);
        Injector injector = injector(config, PluginRegistry.load(pluginDirs(config, pluginDirs)));
        Backend backend = instance(injector, Key.get(Backend.class));
        try {
            backend.importVariables(checkpoint.variables());
        } catch (IllegalArgumentException e) {
            backend.close();
            throw new PpoException("checkpoint " + checkpoint.dir() + " does not match the model its config describes: "
                    + e.getMessage(), e);
        }
        ModelSpec spec = instance(injector, Key.get(ModelSpec.class));
        long seed = instance(injector, Key.get(Long.class, Names.named("seed")));
        return new Policy(backend, ActionDistribution.forActing(spec, config), config, spec,
                seed, true, instance(injector, Key.get(EnvFactory.class)), normalization(checkpoint, spec));
    }

    /** The checkpoint's normalization statistics; none (identity) for checkpoints without them. */
    private static Normalization normalization(CheckpointStore.Checkpoint checkpoint, ModelSpec spec) {
        Normalization.State state = checkpoint.state().normalization();
        return state != null ? Normalization.restore(state)
                : new Normalization(spec.observationSize(), false, false, 10, 10, 0.99);
    }

    /**
     * What a JVM needs to step env slots of the run {@code config} describes: a rollout worker's
     * envs and acting backend, wired as the learner's are.
     */
    public static RolloutKit rolloutKit(Config config, List<Path> pluginDirs) {
        Injector injector = injector(config, PluginRegistry.load(pluginDirs(config, pluginDirs)));
        return instance(injector, Key.get(RolloutKit.class));
    }

    /**
     * Gets an instance from the injector; a configuration or plugin error raised while building it
     * is rethrown as is instead of wrapped in Guice's ProvisionException.
     */
    static <T> T instance(Injector injector, Key<T> key) {
        try {
            return injector.getInstance(key);
        } catch (ProvisionException e) {
            for (Message m : e.getErrorMessages()) {
                if (m.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
            }
            throw e;
        }
    }

    static Injector injector(Config config, PluginRegistry registry) {
        return Guice.createInjector(new PpoModule(config, registry));
    }

    /** The {@code plugins} key's directories followed by {@code extra} (from {@code --plugins}). */
    public static List<Path> pluginDirs(Config config, List<Path> extra) {
        List<Path> dirs = new java.util.ArrayList<>();
        for (String d : config.getStringList("plugins")) {
            dirs.add(Path.of(d));
        }
        dirs.addAll(extra);
        return List.copyOf(dirs);
    }
}
