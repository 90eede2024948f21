package dev.ppo.tf;

import dev.ppo.api.distribution.DiagGaussianDistribution;
import dev.ppo.api.distribution.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * A diagonal Gaussian policy in d dimensions: state-dependent means from the network and a
 * state-independent learnable log-std vector {@code [d]}. Distribution parameters per sample are
 * the d means followed by the d log-stds (the same vector on every row).
 *
 * <p>log π, the KL and the entropy are {@link DiagGaussianDistribution}'s one definition, built
 * over the columns of the means and the log-std through {@link TfAlgebra}.
 */
final class GaussianHead implements PolicyHead {

    private final Ops tf;
    private final int d;
    private final Operand<TFloat32> logStd;
    private final TfAlgebra alg;
    private final DiagGaussianDistribution definition;
    private Operand<TFloat32> lastMean;
    private Distribution.Of<Operand<TFloat32>> last;

    /** @param logStd the log-std vector {@code [d]} (the variable's read value) */
    GaussianHead(Ops tf, int d, Operand<TFloat32> logStd) {
        this.tf = tf;
        this.d = d;
        this.logStd = logStd;
        this.alg = new TfAlgebra(tf);
        this.definition = new DiagGaussianDistribution(d);
    }

    @Override
    public int headSize() {
        return d;
    }

    @Override
    public int distributionWidth() {
        return 2 * d;
    }

    @Override
    public int actionSize() {
        return d;
    }

    @Override
    public Operand<TFloat32> distribution(Operand<TFloat32> mean) {
        // log-std broadcast to one row per sample; only the act call reads this, no gradient needed.
        Operand<TFloat32> rows = tf.math.add(tf.zerosLike(mean), logStd);
        return tf.concat(List.of(mean, rows), tf.constant(1));
    }

    @Override
    public Operand<?> mode(Operand<TFloat32> mean) {
        return mean;
    }

    @Override
    public Operand<TFloat32> logProb(Operand<TFloat32> mean, Operand<TFloat32> actions) {
        return of(mean).logProb(columns(actions, d));
    }

    @Override
    public Operand<TFloat32> kl(Operand<TFloat32> oldDistribution, Operand<TFloat32> mean) {
        // old parameters are data: [batch, 2d], the means then the log-stds
        return of(mean).klFrom(definition.of(alg, columns(oldDistribution, 2 * d)));
    }

    @Override
    public Operand<TFloat32> meanEntropy(Operand<TFloat32> mean) {
        // state-independent: a scalar, the same for every sample
        return alg.mean(of(mean).entropy());
    }

    /** The distribution of the policy's means, its columns built into the graph once. */
    private Distribution.Of<Operand<TFloat32>> of(Operand<TFloat32> mean) {
        if (mean != lastMean) {
            lastMean = mean;
            last = definition.of(alg, parameters(mean));
        }
        return last;
    }

    /** The d mean columns {@code [batch]}, then the d log-stds as scalars (they broadcast). */
    private List<Operand<TFloat32>> parameters(Operand<TFloat32> mean) {
        List<Operand<TFloat32>> out = columns(mean, d);
        out.addAll(tf.unstack(logStd, (long) d, Unstack.axis(0L)).output());
        return out;
    }

    private List<Operand<TFloat32>> columns(Operand<TFloat32> x, int count) {
        return new ArrayList<>(tf.unstack(x, (long) count, Unstack.axis(1L)).output());
    }
}
