package dev.ppo.tf;

import dev.ppo.api.distribution.BetaDistribution;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;

/**
 * A Beta policy over a box in d dimensions (Chou et al. 2017): the network's head has 2d outputs,
 * and α = 1 + softplus(h_α), β = 1 + softplus(h_β) keep every density unimodal and finite. The
 * distribution parameters per sample are the d values α then the d values β; the deterministic
 * action is the mean, low + (high − low)·α/(α + β).
 *
 * <p>log π, the KL and the entropy are {@link BetaDistribution}'s one definition, built over the
 * columns of α and β through {@link TfAlgebra}.
 */
final class BetaHead extends DefinitionHead {

    private final int d;
    private final float[] low;
    private final float[] width;

    BetaHead(Ops tf, BetaDistribution definition) {
        super(tf, definition);
        this.d = definition.actionSize();
        this.low = new float[d];
        this.width = new float[d];
        for (int j = 0; j < d; j++) {
            low[j] = (float) definition.action(j, 0);
            width[j] = (float) (definition.action(j, 1) - definition.action(j, 0));
        }
    }

    @Override
    public int headSize() {
        return 2 * d;
    }

    @Override
    public Operand<TFloat32> distribution(Operand<TFloat32> head) {
        return tf.math.add(tf.math.softplus(head), tf.constant(1f));
    }

    @Override
    public Operand<?> mode(Operand<TFloat32> head) {
        List<Operand<TFloat32>> ab = parameters(head);
        List<Operand<TFloat32>> means = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            Operand<TFloat32> x = tf.math.div(ab.get(j), tf.math.add(ab.get(j), ab.get(d + j)));
            means.add(tf.math.add(tf.math.mul(x, tf.constant(width[j])), tf.constant(low[j])));
        }
        return tf.stack(means, Stack.axis(1L));
    }

    /** The d columns α, then the d columns β. */
    @Override
    List<Operand<TFloat32>> parameters(Operand<TFloat32> head) {
        return columns(distribution(head), 2 * d);
    }
}
