package dev.ppo.runner.algo;

import com.typesafe.config.Config;
import java.util.function.Function;

/**
 * A way of stepping a run's env slots outside the learner's JVM, found with {@link
 * java.util.ServiceLoader} (module {@code dev.ppo.cluster} provides the Pekko cluster one). Without
 * a provider on the module path, runs step their envs in-process ({@link LocalRollouts}).
 */
public interface RolloutsProvider {

    /**
     * The learner's side of a run with {@code cluster.enabled = true}: rollouts whose slots live on
     * worker JVMs (or, while none is there, on the learner through {@code kit}).
     */
    Rollouts learner(Config config, RolloutKit kit);

    /**
     * Runs a rollout worker until the learner's run ends (then returns 0) or the worker gives up.
     *
     * @param settings the worker's own settings ({@code cluster.*}: its bind address, TLS)
     * @param kits     builds the kit of the run the learner sends (its configuration)
     * @return the process exit status
     */
    int worker(String join, Config settings, Function<Config, RolloutKit> kits);
}
