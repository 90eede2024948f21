package dev.ppo.api.backend;

/**
 * Diagnostics of one train step, each a minibatch mean.
 *
 * @param policyObjective L^policy (maximized)
 * @param valueLoss       L^VF (possibly clipped), before the c1 factor
 * @param entropy         S, policy entropy
 * @param kl              exact KL[π_old, π_θ]
 * @param approxKl        mean((r − 1) − log r)
 * @param clipFraction    fraction of samples with |r − 1| > clipRange
 * @param loss            the minimized total −(L^policy − c1·L^VF + c2·S)
 * @param gradNorm        global gradient norm before clipping
 */
public record TrainStats(double policyObjective, double valueLoss, double entropy, double kl, double approxKl,
                         double clipFraction, double loss, double gradNorm) {
}
