package dev.ppo.envs.random;

import dev.ppo.api.env.Env;

/**
 * An {@link Env} whose randomness comes from one {@link Pcg64}, kept with Gymnasium's
 * {@code self.np_random} semantics: {@link #reset(long)} re-seeds the generator, {@link #reset()}
 * continues its stream, and an unseeded reset before any seeded one seeds it from entropy (as
 * {@code default_rng()} does). Subclasses draw from {@link #npRandom()} in the Python env's order
 * and build the episode in {@link #resetEpisode()}, so the same seed gives Gymnasium's initial state.
 */
public abstract class NpRandomEnv implements Env {

    private Pcg64 npRandom; // null until the first reset

    /** For subclasses. */
    protected NpRandomEnv() {
    }

    @Override
    public final float[] reset(long seed) {
        npRandom = new Pcg64(seed);
        return resetEpisode();
    }

    @Override
    public final float[] reset() {
        if (npRandom == null) {
            npRandom = Pcg64.fromEntropy();
        }
        return resetEpisode();
    }

    /** Gymnasium's ports draw every random number from {@code np_random}: the seed fixes the episode. */
    @Override
    public boolean deterministic() {
        return true;
    }

    /**
     * Starts a new episode drawing from {@link #npRandom()}, which is set when this is called.
     *
     * @return the first observation
     */
    protected abstract float[] resetEpisode();

    /** The env's random generator ({@code np_random}); null before the first reset. */
    public final Pcg64 npRandom() {
        return npRandom;
    }
}
