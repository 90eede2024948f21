package dev.ppo.runner.algo;

import dev.ppo.api.backend.Backend;
import dev.ppo.api.env.Env;
import dev.ppo.runner.config.PpoConfig;

/**
 * What a JVM needs to step env slots of a run: the run's envs (with their wrappers), a backend of
 * the run's model to act with, and the action distribution. The learner has one; a cluster worker
 * builds one from the configuration the learner sends it.
 */
public interface RolloutKit {

    PpoConfig ppo();

    /**
     * A new training env: the run's env with its wrappers, and {@link StallTermination} when
     * {@code ppo.stall_termination_steps} is on. Not yet reset.
     */
    Env newEnv();

    /** A new training env ({@link #newEnv}) in slot {@code index}, not yet reset. */
    default EnvSlot newSlot(int index, long runSeed) {
        return new EnvSlot(index, newEnv(), runSeed);
    }

    /** A new backend of the run's model (its weights are then imported). */
    Backend newBackend();

    ActionDistribution distribution();

    /** The run's seed. */
    long seed();
}
