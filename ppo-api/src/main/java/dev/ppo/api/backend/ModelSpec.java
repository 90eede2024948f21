package dev.ppo.api.backend;

import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.space.Space;

/**
 * Everything a backend needs to build the act and train graphs.
 *
 * @param observationSize floats per observation
 * @param actionSpace     Discrete (categorical policy) or Box (diagonal Gaussian policy)
 * @param network         layer layout
 * @param objective       the policy objective, written against the loss algebra
 * @param valueCoef       c1
 * @param entropyCoef     c2
 * @param valueClip       clip range of the value loss around V_old; 0 disables value clipping
 * @param maxGradNorm     global gradient-norm clip; 0 disables it
 * @param adamEpsilon     Adam's ε (1e-5 per the PPO implementations)
 * @param initLogStd      initial state-independent log-std of a Gaussian policy
 * @param learnLogStd     true: the log-std is trained with the policy; false: it is a fixed value
 *                        the caller schedules with {@link Backend#setLogStd} (the PPO article's
 *                        decaying variance)
 * @param seed            seeds weight initialization
 */
public record ModelSpec(int observationSize, Space actionSpace, NetworkSpec network, Objective objective,
                        double valueCoef, double entropyCoef, double valueClip, double maxGradNorm,
                        double adamEpsilon, double initLogStd, boolean learnLogStd, long seed) {
}
