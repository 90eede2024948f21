package dev.ppo.runner.algo;

import dev.ppo.api.backend.Backend;

/**
 * The policy a rollout acts with: one version of the weights (in {@code backend}) and the
 * observation normalization frozen for the whole rollout, so that every env slot, whichever JVM
 * steps it, sees the same numbers (RLlib's filters are synced the same way).
 *
 * @param version       the weights' version: the number of updates behind them
 * @param backend       computes the distribution parameters and values
 * @param normalization the observation normalization to act under (read only while acting)
 * @param distribution  samples actions from the backend's parameters
 * @param fixedLogStd   the log-std a decaying fixed action std has this iteration (already set on
 *                      {@code backend}; a remote copy must set it too), NaN when it is learned
 */
public record ActingPolicy(long version, Backend backend, Normalization normalization,
                           ActionDistribution distribution, double fixedLogStd) {
}
