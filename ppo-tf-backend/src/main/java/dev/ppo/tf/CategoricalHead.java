package dev.ppo.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A categorical policy over n actions parameterized by logits.
 *
 * <p>log π(a) = Σ_k onehot(a)_k · logsoftmax(logits)_k — not
 * {@code SparseSoftmaxCrossEntropyWithLogits}, which has no gradient in TensorFlow's C++ gradient
 * registry. KL[p_old, p] = Σ_k p_old,k (log p_old,k − log p_k); H = −Σ_k p_k log p_k.
 */
final class CategoricalHead implements PolicyHead {

    private final Ops tf;
    private final int n;

    CategoricalHead(Ops tf, int n) {
        this.tf = tf;
        this.n = n;
    }

    @Override
    public int headSize() {
        return n;
    }

    @Override
    public int distributionWidth() {
        return n;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public Operand<TFloat32> distribution(Operand<TFloat32> logits) {
        return logits;
    }

    @Override
    public Operand<?> mode(Operand<TFloat32> logits) {
        // ArgMax returns the first maximum, as the runner's Categorical does.
        return tf.math.argMax(logits, tf.constant(1), TInt64.class);
    }

    @Override
    public Operand<TFloat32> logProb(Operand<TFloat32> logits, Operand<TFloat32> actions) {
        // Actions arrive as float indices (the api's float[] encoding); cast, then one-hot.
        Operand<TInt32> index = tf.dtypes.cast(tf.reshape(actions, tf.constant(new int[] {-1})), TInt32.class);
        Operand<TFloat32> oneHot = tf.oneHot(index, tf.constant(n), tf.constant(1f), tf.constant(0f));
        return rowSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)));
    }

    @Override
    public Operand<TFloat32> kl(Operand<TFloat32> oldLogits, Operand<TFloat32> logits) {
        Operand<TFloat32> oldLogP = tf.nn.logSoftmax(oldLogits);
        Operand<TFloat32> logP = tf.nn.logSoftmax(logits);
        return rowSum(tf.math.mul(tf.math.exp(oldLogP), tf.math.sub(oldLogP, logP)));
    }

    @Override
    public Operand<TFloat32> meanEntropy(Operand<TFloat32> logits) {
        Operand<TFloat32> logP = tf.nn.logSoftmax(logits);
        Operand<TFloat32> perSample = tf.math.neg(rowSum(tf.math.mul(tf.math.exp(logP), logP)));
        return tf.math.mean(perSample, tf.constant(0));
    }

    private Operand<TFloat32> rowSum(Operand<TFloat32> x) {
        return tf.sum(x, tf.constant(1));
    }
}
