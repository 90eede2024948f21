package dev.ppo.tf;

import dev.ppo.api.distribution.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * A policy head whose log π, KL and entropy are a {@link Distribution}'s one definition, built over
 * columns through {@link TfAlgebra}. A subclass says only how the network's head output becomes
 * the definition's parameter columns (and its act-call parameters and mode).
 */
abstract class DefinitionHead implements PolicyHead {

    final Ops tf;
    final TfAlgebra alg;
    private final Distribution definition;
    private Operand<TFloat32> lastHead;
    private Distribution.Of<Operand<TFloat32>> last;

    DefinitionHead(Ops tf, Distribution definition) {
        this.tf = tf;
        this.alg = new TfAlgebra(tf);
        this.definition = definition;
    }

    /** The definition's parameter columns for the network's head output {@code [batch, headSize]}. */
    abstract List<Operand<TFloat32>> parameters(Operand<TFloat32> headOutput);

    @Override
    public int distributionWidth() {
        return definition.parameterSize();
    }

    @Override
    public int actionSize() {
        return definition.actionSize();
    }

    @Override
    public Operand<TFloat32> logProb(Operand<TFloat32> headOutput, Operand<TFloat32> actions) {
        return of(headOutput).logProb(columns(actions, actionSize()));
    }

    @Override
    public Operand<TFloat32> kl(Operand<TFloat32> oldDistribution, Operand<TFloat32> headOutput) {
        // old parameters are data, [batch, distributionWidth], as the act call returned them
        return of(headOutput).klFrom(definition.of(alg, columns(oldDistribution, distributionWidth())));
    }

    @Override
    public Operand<TFloat32> meanEntropy(Operand<TFloat32> headOutput) {
        return alg.mean(of(headOutput).entropy());
    }

    /** The distribution of a head output, built into the graph once for all three quantities. */
    private Distribution.Of<Operand<TFloat32>> of(Operand<TFloat32> headOutput) {
        if (headOutput != lastHead) {
            lastHead = headOutput;
            last = definition.of(alg, parameters(headOutput));
        }
        return last;
    }

    /** The {@code count} columns of a {@code [batch, count]} tensor, each {@code [batch]}. */
    final List<Operand<TFloat32>> columns(Operand<TFloat32> x, int count) {
        return new ArrayList<>(tf.unstack(x, (long) count, Unstack.axis(1L)).output());
    }
}
