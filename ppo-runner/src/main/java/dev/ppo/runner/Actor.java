package dev.ppo.runner;

/**
 * What {@link Evaluation#run} runs in an env: a map from an observation to an action, told when a
 * new episode starts so that a recurrent policy can zero its state (SB3's {@code episode_start}).
 */
@FunctionalInterface
public interface Actor {

    /** The action for {@code observation}, the next one of the running episode. */
    float[] act(float[] observation);

    /** Called before the first observation of every episode; a memoryless actor ignores it. */
    default void reset() {
    }
}
