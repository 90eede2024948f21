package dev.ppo.tf;

import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.distribution.BetaDistribution;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The distribution family of the policy: turns the policy network's head output into distribution
 * parameters and builds the per-sample quantities of the loss. All tensors are float32; batch
 * first.
 */
interface PolicyHead {

    /** Outputs of the policy network's head: n logits, d means or 2d Beta pre-activations. */
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

    /** Head size of the policy network: n logits, d Gaussian means, or 2d Beta pre-activations. */
    static int headSize(ModelSpec spec) {
        if (spec.actionSpace() instanceof Discrete d) {
            return d.n();
        }
        int d = ((Box) spec.actionSpace()).flatSize();
        return spec.betaPolicy() ? 2 * d : d;
    }

    /** Size of the state-independent log-std vector: d for a Gaussian policy, else 0. */
    static int logStdSize(ModelSpec spec) {
        return spec.actionSpace() instanceof Box b && !spec.betaPolicy() ? b.flatSize() : 0;
    }

    /** The head of {@code spec}'s policy on the network {@code net} (built with the sizes above). */
    static PolicyHead create(Ops tf, ModelSpec spec, ActorCritic net) {
        if (spec.actionSpace() instanceof Discrete d) {
            return new CategoricalHead(tf, d.n());
        }
        Box box = (Box) spec.actionSpace();
        return spec.betaPolicy() ? new BetaHead(tf, BetaDistribution.on(box))
                : new GaussianHead(tf, box.flatSize(), net.logStd());
    }

    /** How {@link JavaForward} turns the head's outputs into distribution parameters. */
    enum Kind {
        /** Logits as they are. */
        CATEGORICAL,
        /** The d means, then the log-std vector. */
        GAUSSIAN,
        /** 1 + softplus of every output (α, then β). */
        BETA;

        static Kind of(ModelSpec spec) {
            if (spec.actionSpace() instanceof Discrete) {
                return CATEGORICAL;
            }
            return spec.betaPolicy() ? BETA : GAUSSIAN;
        }
    }
}
