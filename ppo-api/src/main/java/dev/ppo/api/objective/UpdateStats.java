package dev.ppo.api.objective;

/**
 * Statistics of one policy update (all K epochs), measured on the last epoch's minibatches.
 *
 * @param kl           mean exact KL[π_old, π_new] over the samples
 * @param approxKl     the low-variance estimator mean((r − 1) − log r) (Schulman's k3)
 * @param clipFraction fraction of samples with |r − 1| > ε, for the clip objective; else against 0.2
 * @param entropy      mean policy entropy
 */
public record UpdateStats(double kl, double approxKl, double clipFraction, double entropy) {
}
