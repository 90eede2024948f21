package dev.ppo.api.env;

import dev.ppo.api.space.Space;

/**
 * A single environment instance, the Java shape of Gymnasium's {@code gymnasium.Env}.
 *
 * <p>Observations and actions are flat {@code float[]} (float32, like Gymnasium's Box spaces); a
 * {@link dev.ppo.api.space.Discrete} action is a one-element array holding the index. An env is not
 * thread-safe; the runner gives each env to one thread at a time.
 *
 * <p>Time limits are not the env's business: {@link TimeLimit} adds them, as {@code gymnasium.make}
 * does with its {@code TimeLimit} wrapper, and reports them as {@code truncated}.
 */
public interface Env extends AutoCloseable {

    /** The space every observation belongs to. */
    Space observationSpace();

    /** The space {@link #step} accepts actions from. */
    Space actionSpace();

    /**
     * Starts a new episode with the env's random generator re-seeded from {@code seed}, as
     * Gymnasium's {@code reset(seed=seed)}: the same seed gives the same initial state.
     *
     * @return the first observation
     */
    float[] reset(long seed);

    /**
     * Starts a new episode continuing the env's current random stream (Gymnasium's {@code reset()}
     * without a seed). Before any seeded reset the stream is seeded from entropy.
     */
    float[] reset();

    /**
     * Advances the env by one step.
     *
     * @param action a member of {@link #actionSpace()}; anything else throws
     *               {@link IllegalArgumentException} naming the value and the space
     * @throws IllegalStateException if called before {@link #reset}; stepping after the episode
     *                               ended is undefined, as in Gymnasium (call {@link #reset})
     */
    StepResult step(float[] action);

    /**
     * Advances the env by one step whose observation nobody will look at, such as a frame that
     * {@code max_and_skip} skips. An env whose observation is costly (rendered pixels) may skip
     * computing it and return a result whose observation is null; everything else (reward, flags,
     * state) must be exactly what {@link #step} gives. The default is {@link #step}.
     */
    default StepResult stepUnobserved(float[] action) {
        return step(action);
    }

    /**
     * True when {@code reset(seed)} followed by the same actions always gives the same
     * observations, rewards and flags (all randomness drawn from the seeded generator, nothing from
     * the clock or shared state). The runner then continues a resumed run's episodes exactly, by
     * replaying them; for an env that is not, a resumed run starts fresh episodes and says so.
     */
    default boolean deterministic() {
        return false;
    }

    /**
     * Draws the current state as an RGB frame (Gymnasium's {@code render_mode="rgb_array"}).
     *
     * @throws UnsupportedOperationException if this env cannot render
     */
    default RgbFrame render() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement render()");
    }

    /** Releases native or heavy resources; the default does nothing. */
    @Override
    default void close() {
    }
}
