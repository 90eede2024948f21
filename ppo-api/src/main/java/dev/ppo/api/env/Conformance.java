package dev.ppo.api.env;

/**
 * How closely a port is expected to follow trajectories recorded from the reference
 * implementation (Gymnasium), used by {@code ppo check-env} and by the port's own tests.
 *
 * @param observationTolerance largest absolute difference allowed in any observation element
 * @param rewardTolerance      largest absolute difference allowed in a reward
 * @param steps                how many leading steps must stay within the tolerances (0: all of
 *                             them); flags ({@code terminated}, {@code truncated}) must match on
 *                             every compared step
 * @param pixelMeanTolerance   for image observations recorded as per-channel means: the largest
 *                             difference allowed in a channel mean (0..255 scale)
 */
public record Conformance(double observationTolerance, double rewardTolerance, int steps, double pixelMeanTolerance) {

    /** Exact-arithmetic ports (classic control): float32 observations, double rewards, every step. */
    public static final Conformance EXACT = new Conformance(1e-5, 1e-9, 0, 0);
}
