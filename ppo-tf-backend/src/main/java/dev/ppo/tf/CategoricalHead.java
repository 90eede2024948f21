package dev.ppo.tf;

import dev.ppo.api.distribution.CategoricalDistribution;
import dev.ppo.api.distribution.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A categorical policy over n actions parameterized by logits. log π, the KL and the entropy are
 * {@link CategoricalDistribution}'s one definition, built over the logits' columns through
 * {@link TfAlgebra} (a one-hot select, not {@code SparseSoftmaxCrossEntropyWithLogits}, which has
 * no gradient in TensorFlow's C++ gradient registry).
 */
final class CategoricalHead implements PolicyHead {

    private final Ops tf;
    private final int n;
    private final TfAlgebra alg;
    private final CategoricalDistribution definition;
    private Operand<TFloat32> lastLogits;
    private Distribution.Of<Operand<TFloat32>> last;

    CategoricalHead(Ops tf, int n) {
        this.tf = tf;
        this.n = n;
        this.alg = new TfAlgebra(tf);
        this.definition = new CategoricalDistribution(n);
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
        return of(logits).logProb(List.of(tf.reshape(actions, tf.constant(new int[] {-1}))));
    }

    @Override
    public Operand<TFloat32> kl(Operand<TFloat32> oldLogits, Operand<TFloat32> logits) {
        return of(logits).klFrom(definition.of(alg, columns(oldLogits)));
    }

    @Override
    public Operand<TFloat32> meanEntropy(Operand<TFloat32> logits) {
        return alg.mean(of(logits).entropy());
    }

    /** The distribution of the policy's logits, built into the graph once for all three quantities. */
    private Distribution.Of<Operand<TFloat32>> of(Operand<TFloat32> logits) {
        if (logits != lastLogits) {
            lastLogits = logits;
            last = definition.of(alg, columns(logits));
        }
        return last;
    }

    /** The n columns of a {@code [batch, n]} tensor, each {@code [batch]}. */
    private List<Operand<TFloat32>> columns(Operand<TFloat32> x) {
        return new ArrayList<>(tf.unstack(x, (long) n, Unstack.axis(1L)).output());
    }
}
