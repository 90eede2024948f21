package dev.ppo.runner.algo;

import dev.ppo.api.backend.Backend;
import dev.ppo.runner.config.PpoConfig;

/**
 * What a JVM needs to step env slots of a run: the run's envs (with their wrappers), a backend of
 * the run's model to act with, and the action distribution. The learner has one; a cluster worker
 * builds one from the configuration the learner sends it.
 */
public interface RolloutKit {

    PpoConfig ppo();

    /** A new env (with the run's wrappers) in slot {@code index}, not yet reset. */
    EnvSlot newSlot(int index, long runSeed);

    /** A new backend of the run's model (its weights are then imported). */
    Backend newBackend();

    ActionDistribution distribution();

    /** The run's seed. */
    long seed();
}
