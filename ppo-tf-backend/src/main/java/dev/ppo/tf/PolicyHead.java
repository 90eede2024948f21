package dev.ppo.tf;

import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The distribution family of the policy: turns the policy network's head output into distribution
 * parameters and builds the per-sample quantities of the loss. All tensors are float32; batch
 * first.
 */
interface PolicyHead {

    /** Outputs of the policy network's head: n logits or d means. */
    int headSize();

    /** Floats of distribution parameters per sample ({@code Backend.distributionWidth()}). */
    int distributionWidth();

    /** Floats per action in a minibatch: 1 (an index) or d. */
    int actionSize();

    /** Distribution parameters {@code [batch, distributionWidth]} for the act call. */
    Operand<TFloat32> distribution(Operand<TFloat32> headOutput);

    /** The deterministic action per sample: argmax index {@code [batch]} (int64) or the means {@code [batch, d]}. */
    Operand<?> mode(Operand<TFloat32> headOutput);

    /** log π(a|s) per sample, {@code [batch]}; {@code actions} is {@code [batch, actionSize]}. */
    Operand<TFloat32> logProb(Operand<TFloat32> headOutput, Operand<TFloat32> actions);

    /** Exact KL[π_old(·|s), π(·|s)] per sample, {@code [batch]}, from stored old parameters. */
    Operand<TFloat32> kl(Operand<TFloat32> oldDistribution, Operand<TFloat32> headOutput);

    /** Mean entropy over the batch, a scalar. */
    Operand<TFloat32> meanEntropy(Operand<TFloat32> headOutput);

    /** Head size of the policy network for an action space (n logits, or d means). */
    static int headSize(Space actionSpace) {
        if (actionSpace instanceof Discrete d) {
            return d.n();
        }
        return ((Box) actionSpace).flatSize();
    }
}
