package dev.ppo.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A diagonal Gaussian policy in d dimensions: state-dependent means from the network and a
 * state-independent learnable log-std vector {@code [d]}. Distribution parameters per sample are
 * the d means followed by the d log-stds (the same vector on every row).
 *
 * <p>log π(a) = −½ Σ ((a − μ)/σ)² − Σ log σ − ½ d log 2π;
 * KL[old, new] = Σ (log σ − log σ_old + (σ_old² + (μ_old − μ)²) / (2σ²) − ½);
 * H = Σ log σ + ½ d (1 + log 2π). Divisions are written as products with exp(−log σ).
 */
final class GaussianHead implements PolicyHead {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Ops tf;
    private final int d;
    private final Operand<TFloat32> logStd;

    /** @param logStd the log-std vector {@code [d]} (the variable's read value) */
    GaussianHead(Ops tf, int d, Operand<TFloat32> logStd) {
        this.tf = tf;
        this.d = d;
        this.logStd = logStd;
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
        return tf.concat(java.util.List.of(mean, rows), tf.constant(1));
    }

    @Override
    public Operand<?> mode(Operand<TFloat32> mean) {
        return mean;
    }

    @Override
    public Operand<TFloat32> logProb(Operand<TFloat32> mean, Operand<TFloat32> actions) {
        Operand<TFloat32> z = tf.math.mul(tf.math.sub(actions, mean), tf.math.exp(tf.math.neg(logStd)));
        Operand<TFloat32> quad = tf.math.mul(tf.constant(-0.5f), rowSum(tf.math.square(z)));
        Operand<TFloat32> norm = tf.constant((float) (0.5 * d * LOG_2PI));
        return tf.math.sub(tf.math.sub(quad, tf.sum(logStd, tf.constant(0))), norm);
    }

    @Override
    public Operand<TFloat32> kl(Operand<TFloat32> oldDistribution, Operand<TFloat32> mean) {
        // Old parameters are data: [batch, 2d] -> means [batch, d] and log-stds [batch, d].
        var halves = tf.split(tf.constant(1), oldDistribution, 2L);
        Operand<TFloat32> oldMean = halves.output().get(0);
        Operand<TFloat32> oldLogStd = halves.output().get(1);
        Operand<TFloat32> logRatio = tf.math.sub(logStd, oldLogStd);              // log σ − log σ_old
        Operand<TFloat32> varRatio = tf.math.exp(tf.math.mul(tf.constant(-2f), logRatio)); // σ_old²/σ²
        Operand<TFloat32> meanTerm = tf.math.mul(tf.math.square(tf.math.sub(oldMean, mean)),
                tf.math.exp(tf.math.mul(tf.constant(-2f), logStd)));             // (μ_old − μ)²/σ²
        Operand<TFloat32> perDim = tf.math.add(logRatio,
                tf.math.sub(tf.math.mul(tf.constant(0.5f), tf.math.add(varRatio, meanTerm)), tf.constant(0.5f)));
        return rowSum(perDim);
    }

    @Override
    public Operand<TFloat32> meanEntropy(Operand<TFloat32> mean) {
        // State-independent: the same for every sample, so the batch mean is the per-sample value.
        return tf.math.add(tf.sum(logStd, tf.constant(0)), tf.constant((float) (0.5 * d * (1 + LOG_2PI))));
    }

    private Operand<TFloat32> rowSum(Operand<TFloat32> x) {
        return tf.sum(x, tf.constant(1));
    }
}
