package dev.ppo.api.env;

import java.util.Map;

/**
 * What {@link Env#step} returns, Gymnasium's {@code (obs, reward, terminated, truncated, info)}.
 *
 * @param observation the observation after the step
 * @param reward      the reward for the step, in double precision as Python returns it
 * @param terminated  the episode reached a terminal state of the MDP (no bootstrapping past it)
 * @param truncated   the episode was cut short, e.g. by a time limit (bootstrapping is correct)
 * @param info        auxiliary diagnostics; empty by default
 */
public record StepResult(float[] observation, double reward, boolean terminated, boolean truncated,
                         Map<String, Object> info) {

    public StepResult(float[] observation, double reward, boolean terminated, boolean truncated) {
        this(observation, reward, terminated, truncated, Map.of());
    }

    /** True when the episode ended for either reason. */
    public boolean done() {
        return terminated || truncated;
    }

    /** The same result with {@code truncated} set, as a time-limit wrapper reports it. */
    public StepResult withTruncated(boolean value) {
        return new StepResult(observation, reward, terminated, value, info);
    }
}
