package dev.ppo.runner.cli;

import com.typesafe.config.Config;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.runner.Actor;
import dev.ppo.runner.Policy;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.RandomPolicy;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What acts in {@code eval} and {@code play}: a trained policy from a run directory, or, with
 * {@code --random --env NAME}, uniform random actions in a freshly configured env.
 */
final class AgentOptions {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "run directory, checkpoint or saved policy")
    Path dir;

    @Option(names = "--random", description = "uniform random actions instead of a trained policy (needs --env)")
    boolean random;

    @Option(names = "--env", paramLabel = "NAME", description = "with --random: the env to run, e.g. LunarLander-v3")
    String env;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "with --random: env settings, e.g. env.continuous=true;"
            + " for a trained policy only backend settings, e.g. backend.name=java, and eval.deterministic_action")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--stochastic", description = "sample the policy's actions instead of taking the mode")
    boolean stochastic;

    /** The agent and its env; close it when done. */
    record Agent(Config config, Actor actor, Env env, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            env.close();
            resources.close();
        }
    }

    /** Opens the agent; {@code seed} seeds a random agent's actions. */
    Agent open(List<Path> pluginDirs, long seed) {
        if (random) {
            if (env == null || dir != null) {
                throw new PpoException("--random takes --env NAME (and --set env.KEY=VALUE) instead of a run directory");
            }
            List<String> all = new ArrayList<>(overrides);
            all.add("env.name=\"" + env + "\"");
            Config config = ConfigLoader.load(null, all);
            PluginRegistry.Selected<EnvProvider> selected = PluginRegistry.load(Ppo.pluginDirs(config, pluginDirs))
                    .select(PluginType.ENV, config);
            Env e = selected.plugin().create(selected.settings());
            return new Agent(config, new RandomPolicy(e.actionSpace(), seed), e, () -> { });
        }
        if (dir == null) {
            throw new PpoException("give a run directory, or --random --env NAME");
        }
        if (env != null) {
            throw new PpoException("--env applies to --random; a trained policy runs in the env it was trained on");
        }
        for (String o : overrides) {
            if (!o.startsWith("backend.") && !o.startsWith("eval.deterministic_action=")) {
                throw new PpoException("--set " + o + ": a trained policy takes only backend settings (e.g. --set"
                        + " backend.name=java; both backends read the same checkpoints) and eval.deterministic_action"
                        + " (mean or clipped_mean); it runs in the env it was trained on");
            }
        }
        Policy policy = Ppo.loadPolicy(dir, pluginDirs, overrides);
        boolean deterministic = !stochastic && policy.config().getBoolean("eval.deterministic");
        return new Agent(policy.config(), policy.actor(deterministic), policy.newEnv(), policy);
    }

    boolean deterministic(Config config) {
        return !random && !stochastic && config.getBoolean("eval.deterministic");
    }
}
