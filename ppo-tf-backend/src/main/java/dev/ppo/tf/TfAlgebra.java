package dev.ppo.tf;

import dev.ppo.api.loss.LossAlgebra;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The loss algebra over float32 graph operands, so objectives written once against
 * {@link LossAlgebra} become differentiable TensorFlow graphs. TensorFlow's broadcasting gives the
 * scalar-against-vector semantics the algebra promises.
 *
 * <p>{@link #parameter} creates one scalar placeholder per name (the first time it is asked for);
 * the backend feeds the objective's current value on every train step.
 */
final class TfAlgebra implements LossAlgebra<Operand<TFloat32>> {

    private final Ops tf;
    private final Map<String, Placeholder<TFloat32>> parameters = new LinkedHashMap<>();

    TfAlgebra(Ops tf) {
        this.tf = tf;
    }

    /** The parameter placeholders created so far, by name, in creation order. */
    Map<String, Placeholder<TFloat32>> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Operand<TFloat32> constant(double value) {
        return tf.constant((float) value);
    }

    @Override
    public Operand<TFloat32> parameter(String name) {
        return parameters.computeIfAbsent(name, n -> tf.withName(opName(n))
                .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar())));
    }

    private String opName(String name) {
        // Op names allow [A-Za-z0-9_.-]; parameter names are free text (e.g. "kl.beta").
        return "param_" + parameters.size() + "_" + name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    }

    @Override
    public Operand<TFloat32> add(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.add(a, b);
    }

    @Override
    public Operand<TFloat32> sub(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.sub(a, b);
    }

    @Override
    public Operand<TFloat32> mul(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.mul(a, b);
    }

    @Override
    public Operand<TFloat32> neg(Operand<TFloat32> a) {
        return tf.math.neg(a);
    }

    @Override
    public Operand<TFloat32> exp(Operand<TFloat32> a) {
        return tf.math.exp(a);
    }

    @Override
    public Operand<TFloat32> square(Operand<TFloat32> a) {
        return tf.math.square(a);
    }

    @Override
    public Operand<TFloat32> min(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.minimum(a, b);
    }

    @Override
    public Operand<TFloat32> max(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.maximum(a, b);
    }

    @Override
    public Operand<TFloat32> clip(Operand<TFloat32> a, Operand<TFloat32> lo, Operand<TFloat32> hi) {
        // max/min rather than ClipByValue: it broadcasts any operand, exactly like DoubleAlgebra.
        return tf.math.minimum(tf.math.maximum(a, lo), hi);
    }

    @Override
    public Operand<TFloat32> mean(Operand<TFloat32> a) {
        int rank = a.shape().numDimensions();
        if (rank == 0) {
            return a;
        }
        if (rank < 0) {
            // Unknown rank: reduce over every axis at run time.
            return tf.math.mean(a, tf.range(tf.constant(0), tf.rank(a), tf.constant(1)));
        }
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return tf.math.mean(a, tf.constant(axes));
    }

    @Override
    public Operand<TFloat32> abs(Operand<TFloat32> a) {
        return tf.math.abs(a);
    }

    @Override
    public Operand<TFloat32> log(Operand<TFloat32> a) {
        return tf.math.log(a);
    }

    @Override
    public Operand<TFloat32> greater(Operand<TFloat32> a, Operand<TFloat32> b) {
        // a comparison has no gradient: the cast of a bool tensor is a constant to the optimizer
        return tf.dtypes.cast(tf.math.greater(a, b), TFloat32.class);
    }
}
