package dev.ppo.api.distribution;

import dev.ppo.api.loss.LossAlgebra;
import java.util.List;

/**
 * The loss algebra over one sample's plain {@code double}s: how the runner evaluates a
 * {@link Distribution}'s log-probability of the action it has just sampled (no gradients).
 */
public final class Scalars implements LossAlgebra<Double> {

    /** The one instance (stateless; objectives' parameters are not needed here). */
    public static final Scalars INSTANCE = new Scalars();

    private Scalars() {
    }

    /** log π(a) of one sample's parameters {@code params[pOff..]} and action {@code action[aOff..]}. */
    public static double logProb(Distribution dist, float[] params, int pOff, float[] action, int aOff) {
        Double[] p = new Double[dist.parameterSize()];
        for (int k = 0; k < p.length; k++) {
            p[k] = (double) params[pOff + k];
        }
        Double[] a = new Double[dist.actionSize()];
        for (int k = 0; k < a.length; k++) {
            a[k] = (double) action[aOff + k];
        }
        return dist.of(INSTANCE, List.of(p)).logProb(List.of(a));
    }

    @Override
    public Double constant(double value) {
        return value;
    }

    @Override
    public Double parameter(String name) {
        throw new UnsupportedOperationException("a distribution has no objective parameters (asked for " + name + ")");
    }

    @Override
    public Double add(Double a, Double b) {
        return a + b;
    }

    @Override
    public Double sub(Double a, Double b) {
        return a - b;
    }

    @Override
    public Double mul(Double a, Double b) {
        return a * b;
    }

    @Override
    public Double neg(Double a) {
        return -a;
    }

    @Override
    public Double exp(Double a) {
        return Math.exp(a);
    }

    @Override
    public Double square(Double a) {
        return a * a;
    }

    @Override
    public Double min(Double a, Double b) {
        return Math.min(a, b);
    }

    @Override
    public Double max(Double a, Double b) {
        return Math.max(a, b);
    }

    @Override
    public Double clip(Double a, Double lo, Double hi) {
        return Math.min(Math.max(a, lo), hi);
    }

    @Override
    public Double mean(Double a) {
        return a;
    }

    @Override
    public Double abs(Double a) {
        return Math.abs(a);
    }

    @Override
    public Double log(Double a) {
        return Math.log(a);
    }

    @Override
    public Double greater(Double a, Double b) {
        return a > b ? 1.0 : 0.0;
    }
}
