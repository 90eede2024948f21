package dev.ppo.tf;

import dev.ppo.api.distribution.CategoricalDistribution;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A categorical policy over n actions parameterized by logits. log π, the KL and the entropy are
 * {@link CategoricalDistribution}'s one definition over the logits' columns (a one-hot select, not
 * {@code SparseSoftmaxCrossEntropyWithLogits}, which has no gradient in TensorFlow's C++ gradient
 * registry).
 */
final class CategoricalHead extends DefinitionHead {

    private final int n;

    CategoricalHead(Ops tf, int n) {
        super(tf, new CategoricalDistribution(n));
        this.n = n;
    }

    @Override
    public int headSize() {
        return n;
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
    List<Operand<TFloat32>> parameters(Operand<TFloat32> logits) {
        return columns(logits, n);
    }
}
