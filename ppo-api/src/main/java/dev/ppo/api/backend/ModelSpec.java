package dev.ppo.api.backend;

import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.distribution.BoxDistribution;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;
import java.util.Arrays;

/**
 * Everything a backend needs to build the act and train graphs.
 *
 * <p>Observations always travel as flat rows of {@link #observationSize()} floats (C order);
 * {@code observationShape} says how to read one back as a tensor, which a convolutional network
 * needs ({@code [H, W, C]}).
 *
 * @param observationShape shape of one observation, e.g. {@code [4]} for CartPole or
 *                         {@code [96, 96, 3]} for CarRacing's pixels (height, width, channels)
 * @param actionSpace      Discrete (categorical policy) or Box (Gaussian or Beta policy, {@code boxDistribution})
 * @param network          layer layout
 * @param objective        the policy objective, written against the loss algebra
 * @param valueCoef        c1
 * @param entropyCoef      c2
 * @param valueClip        clip range of the value loss around V_old; 0 disables value clipping
 * @param maxGradNorm      global gradient-norm clip; 0 disables it
 * @param adamEpsilon      Adam's ε (1e-5 per the PPO implementations)
 * @param initLogStd       initial state-independent log-std of a Gaussian policy
 * @param learnLogStd      true: the log-std is trained with the policy; false: it is a fixed value
 *                         the caller schedules with {@link Backend#setLogStd} (the PPO article's
 *                         decaying variance)
 * @param seed             seeds weight initialization
 * @param boxDistribution  the policy's family over a Box action space (Gaussian or Beta; the
 *                         log-std parameters above concern the Gaussian only)
 * @param sequenceLength   for a recurrent network, the steps of every training sequence (the
 *                         truncated backpropagation-through-time length, fixed in the train graph);
 *                         0 for a feed-forward network
 */
public record ModelSpec(int[] observationShape, Space actionSpace, NetworkSpec network, Objective objective,
                        double valueCoef, double entropyCoef, double valueClip, double maxGradNorm,
                        double adamEpsilon, double initLogStd, boolean learnLogStd, long seed,
                        BoxDistribution boxDistribution, int sequenceLength) {

    public ModelSpec {
        if (observationShape.length == 0) {
            throw new IllegalArgumentException("observationShape needs at least one dimension");
        }
        for (int d : observationShape) {
            if (d < 1) {
                throw new IllegalArgumentException("observationShape dimensions must be >= 1, got "
                        + Arrays.toString(observationShape));
            }
        }
        observationShape = observationShape.clone();
        java.util.Objects.requireNonNull(boxDistribution, "boxDistribution");
        if (network.recurrent() ? sequenceLength < 1 : sequenceLength != 0) {
            throw new IllegalArgumentException(network.recurrent()
                    ? "a recurrent network needs a sequence length >= 1, got " + sequenceLength
                    : "a feed-forward network takes no sequence length (0), got " + sequenceLength);
        }
    }

    /** A feed-forward model. */
    public ModelSpec(int[] observationShape, Space actionSpace, NetworkSpec network, Objective objective,
                     double valueCoef, double entropyCoef, double valueClip, double maxGradNorm,
                     double adamEpsilon, double initLogStd, boolean learnLogStd, long seed,
                     BoxDistribution boxDistribution) {
        this(observationShape, actionSpace, network, objective, valueCoef, entropyCoef, valueClip, maxGradNorm,
                adamEpsilon, initLogStd, learnLogStd, seed, boxDistribution, 0);
    }

    /** A Gaussian policy for a Box action space. */
    public ModelSpec(int[] observationShape, Space actionSpace, NetworkSpec network, Objective objective,
                     double valueCoef, double entropyCoef, double valueClip, double maxGradNorm,
                     double adamEpsilon, double initLogStd, boolean learnLogStd, long seed) {
        this(observationShape, actionSpace, network, objective, valueCoef, entropyCoef, valueClip, maxGradNorm,
                adamEpsilon, initLogStd, learnLogStd, seed, BoxDistribution.GAUSSIAN);
    }

    /** A vector observation of {@code observationSize} floats, shape {@code [observationSize]}. */
    public ModelSpec(int observationSize, Space actionSpace, NetworkSpec network, Objective objective,
                     double valueCoef, double entropyCoef, double valueClip, double maxGradNorm,
                     double adamEpsilon, double initLogStd, boolean learnLogStd, long seed) {
        this(new int[] {observationSize}, actionSpace, network, objective, valueCoef, entropyCoef, valueClip,
                maxGradNorm, adamEpsilon, initLogStd, learnLogStd, seed);
    }

    @Override
    public int[] observationShape() {
        return observationShape.clone();
    }

    /** True for a Beta policy over a Box action space. */
    public boolean betaPolicy() {
        return boxDistribution == BoxDistribution.BETA && actionSpace instanceof Box;
    }

    /** Floats per observation: the product of {@link #observationShape()}. */
    public int observationSize() {
        int size = 1;
        for (int d : observationShape) {
            size = Math.multiplyExact(size, d);
        }
        return size;
    }

    @Override
    public String toString() {
        return "ModelSpec[observationShape=" + Arrays.toString(observationShape) + ", actionSpace=" + actionSpace
                + ", network=" + network + ", objective=" + objective + ", valueCoef=" + valueCoef
                + ", entropyCoef=" + entropyCoef + ", valueClip=" + valueClip + ", maxGradNorm=" + maxGradNorm
                + ", adamEpsilon=" + adamEpsilon + ", initLogStd=" + initLogStd + ", learnLogStd=" + learnLogStd
                + ", seed=" + seed + ", boxDistribution=" + boxDistribution + ", sequenceLength=" + sequenceLength + "]";
    }
}
