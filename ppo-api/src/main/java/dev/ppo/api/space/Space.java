package dev.ppo.api.space;

/**
 * An observation or action space, as in Gymnasium's {@code gymnasium.spaces}.
 *
 * <p>Observations and actions cross the {@link dev.ppo.api.env.Env} boundary as {@code float[]};
 * a space says how to read them. A {@link Discrete} action is a one-element array holding the index.
 */
public sealed interface Space permits Discrete, Box {

    /** Number of floats an element of this space occupies in a flat {@code float[]}. */
    int flatSize();

    /** True when {@code value} is a member of this space (right length, within bounds, integral index). */
    boolean contains(float[] value);
}
