package dev.ppo.runner;

import com.typesafe.config.Config;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.env.Env;
import dev.ppo.runner.algo.ActionDistribution;
import dev.ppo.runner.algo.Normalization;
import dev.ppo.runner.algo.Rng;
import dev.ppo.runner.algo.TrainingState;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.CheckpointStore;
import dev.ppo.runner.wiring.EnvFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained policy, SB3's {@code model.predict}: maps an observation to an action, deterministic
 * (the mode: argmax, the Gaussian mean or the Beta mean) or sampled. Obtain one from {@link Trainer#policy()} or
 * {@link #load(Path)}; {@link #save(Path)} writes a model directory that {@code bin/ppo eval} reads.
 * Gaussian actions are returned as sampled; clip them to the action space before stepping an env
 * (a Beta policy's are always inside it).
 * Observations are given raw: the policy applies the observation normalization it was trained with.
 *
 * <p>A recurrent policy ({@code network.lstm_hidden > 0}) remembers: each {@link #act} advances its
 * state, which starts at zeros; call {@link #resetState()} when a new episode starts ({@link #evaluate}
 * and {@link #actor} do). One policy follows one episode at a time.
 */
public final class Policy implements AutoCloseable {

    private final Backend backend;
    private final ActionDistribution distribution;
    private final Config config;
    private final ModelSpec spec;
    private final int observationSize;
    private final Rng rng;
    private final boolean ownsBackend;
    private final EnvFactory envs;
    private final Normalization normalization;
    private final float[] dist;
    private final float[] value = new float[1];
    /** A recurrent policy's state for the next step of the running episode; empty when feed-forward. */
    private final float[] state;

    Policy(Backend backend, ActionDistribution distribution, Config config, ModelSpec spec, long seed,
           boolean ownsBackend, EnvFactory envs, Normalization normalization) {
        this.envs = envs;
        this.normalization = normalization;
        this.backend = backend;
        this.distribution = distribution;
        this.config = config;
        this.spec = spec;
        this.observationSize = spec.observationSize();
        this.rng = new Rng(seed);
        this.ownsBackend = ownsBackend;
        this.dist = new float[distribution.parameterSize()];
        this.state = new float[backend.recurrentStateSize()];
    }

    /** The deterministic action for {@code observation}. */
    public float[] act(float[] observation) {
        return act(observation, true);
    }

    /** An action for {@code observation}: the mode when {@code deterministic}, else a sample. */
    public float[] act(float[] observation, boolean deterministic) {
        if (observation.length != observationSize) {
            throw new IllegalArgumentException("observation has " + observation.length + " values; the policy expects "
                    + observationSize);
        }
        backend.forward(normalization.normalize(observation, 1), state, 1, dist, value, state);
        float[] action = new float[distribution.actionSize()];
        distribution.sample(dist, 0, rng, deterministic, action, 0);
        return action;
    }

    /** The critic's estimate V(observation) (for a recurrent policy, from its current state, which it leaves as is). */
    public double value(float[] observation) {
        backend.forward(normalization.normalize(observation, 1), state, 1, dist, value, new float[state.length]);
        return value[0];
    }

    /** Starts a new episode: a recurrent policy's state goes back to zeros (nothing for a feed-forward one). */
    public void resetState() {
        java.util.Arrays.fill(state, 0f);
    }

    /** This policy as an {@link Actor}: {@link #act(float[], boolean)}, with {@link #resetState()} at each episode start. */
    public Actor actor(boolean deterministic) {
        return new Actor() {
            @Override
            public float[] act(float[] observation) {
                return Policy.this.act(observation, deterministic);
            }

            @Override
            public void reset() {
                resetState();
            }
        };
    }

    /**
     * Runs {@code episodes} episodes in a fresh env of the configured kind, episode k reset with
     * {@code seed + k}, like SB3's {@code evaluate_policy}.
     */
    public Evaluation evaluate(int episodes, long seed, boolean deterministic) {
        try (Env env = newEnv()) {
            return Evaluation.run(this, env, episodes, seed, deterministic);
        }
    }

    /** A fresh env of the kind and settings the policy was trained on. */
    public Env newEnv() {
        return envs.create();
    }

    /** The resolved configuration the policy was trained with. */
    public Config config() {
        return config;
    }

    /** Writes the weights and configuration to {@code dir}, loadable by {@link #load} and {@code bin/ppo eval}. */
    public void save(Path dir) {
        try {
            CheckpointStore.writeModelDir(dir, config, backend.exportVariables(),
                    new TrainingState(0, 0, rng.state(), Map.of(), 0, normalization.state(), null));
        } catch (IOException e) {
            throw new PpoException("cannot save policy to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Exports the deterministic policy (its observation normalization included) for another runtime:
     * {@code "saved-model"} writes a TensorFlow SavedModel and {@code ppo-export.json} into
     * {@code dir}, which must be new or empty. See {@code docs/export.md}.
     *
     * @throws PpoException naming the directory or the format when it cannot be written
     */
    public void export(String format, Path dir) {
        PolicyExporter.export(backend, spec, distribution, normalization, config, format, dir);
    }

    /** Loads a policy from a run directory (its latest checkpoint), a checkpoint or a saved policy. */
    public static Policy load(Path dir) {
        return Ppo.loadPolicy(dir);
    }

    @Override
    public void close() {
        if (ownsBackend) {
            backend.close();
        }
    }
}
