package dev.ppo.api.loss;

/**
 * The few tensor operations PPO objectives are written in, independent of any backend.
 *
 * <p>Values of type {@code T} are per-sample vectors over a minibatch or scalars; binary
 * operations broadcast a scalar against a vector. The TensorFlow backend implements this over graph
 * operands (so gradients flow through it); {@code dev.ppo.testing.DoubleAlgebra} (module ppo-test-support) implements it over
 * {@code double[]} so objectives can be unit-tested without TensorFlow.
 *
 * @param <T> the value type
 */
public interface LossAlgebra<T> {

    /** A constant scalar. */
    T constant(double value);

    /**
     * A scalar hyperparameter that may change between updates (adaptive-KL's β, an annealed ε).
     * Its current value is fed on every train step from {@code Objective.parameters()}.
     */
    T parameter(String name);

    T add(T a, T b);

    T sub(T a, T b);

    T mul(T a, T b);

    T neg(T a);

    T exp(T a);

    T square(T a);

    /** Elementwise minimum. */
    T min(T a, T b);

    /** Elementwise maximum. */
    T max(T a, T b);

    /** Elementwise clip of {@code a} into {@code [lo, hi]}. */
    T clip(T a, T lo, T hi);

    /** Mean over the minibatch, a scalar. */
    T mean(T a);

    /** Elementwise |a|. */
    T abs(T a);

    /** Elementwise natural logarithm. */
    T log(T a);

    /** Elementwise 1 where {@code a > b}, else 0; a diagnostic (no gradient flows through it). */
    T greater(T a, T b);
}
