package dev.ppo.tf;

import dev.ppo.api.distribution.DiagGaussianDistribution;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * A diagonal Gaussian policy in d dimensions: state-dependent means from the network and a
 * state-independent learnable log-std vector {@code [d]}. Distribution parameters per sample are
 * the d means followed by the d log-stds (the same vector on every row); log π, the KL and the
 * entropy are {@link DiagGaussianDistribution}'s one definition.
 */
final class GaussianHead extends DefinitionHead {

    private final int d;
    private final Operand<TFloat32> logStd;

    /** @param logStd the log-std vector {@code [d]} (the variable's read value) */
    GaussianHead(Ops tf, int d, Operand<TFloat32> logStd) {
        super(tf, new DiagGaussianDistribution(d));
        this.d = d;
        this.logStd = logStd;
    }

    @Override
    public int headSize() {
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

    /** The d mean columns {@code [batch]}, then the d log-stds as scalars (they broadcast). */
    @Override
    List<Operand<TFloat32>> parameters(Operand<TFloat32> mean) {
        List<Operand<TFloat32>> out = columns(mean, d);
        out.addAll(tf.unstack(logStd, (long) d, Unstack.axis(0L)).output());
        return out;
    }
}
