package dev.ppo.api.backend;

/**
 * One minibatch of samples for a train step; every array holds exactly {@code size} rows.
 *
 * @param size         number of samples M
 * @param observations {@code size × observationSize}
 * @param actions      {@code size × actionSize} (the sampled, unclipped actions; indices for Discrete)
 * @param oldLogProbs  log π_θold(a|s) stored at collection time
 * @param oldDistribution {@code size × distributionWidth} parameters of π_θold(·|s) stored at
 *                     collection time, for the exact KL[π_old, π_θ]
 * @param advantages   Â, already normalized if the run normalizes advantages
 * @param returns      value targets Â + V_old
 * @param oldValues    V_old(s) at collection time, for value clipping
 */
public record Minibatch(int size, float[] observations, float[] actions, float[] oldLogProbs,
                        float[] oldDistribution,
                        float[] advantages, float[] returns, float[] oldValues) {
}
