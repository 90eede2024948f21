package dev.ppo.testing;

import dev.ppo.api.loss.LossAlgebra;

import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * {@link LossAlgebra} over plain {@code double[]}: a length-1 array is a scalar and broadcasts.
 * Used to check objectives' values (and, by finite differences, their gradients) without a backend.
 */
public final class DoubleAlgebra implements LossAlgebra<double[]> {

    private final Map<String, Double> parameters;

    /** @param parameters the values {@link #parameter} returns */
    public DoubleAlgebra(Map<String, Double> parameters) {
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public double[] constant(double value) {
        return new double[] {value};
    }

    @Override
    public double[] parameter(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no value for parameter '" + name + "'; known: " + parameters.keySet());
        }
        return new double[] {v};
    }

    @Override
    public double[] add(double[] a, double[] b) {
        return zip(a, b, Double::sum);
    }

    @Override
    public double[] sub(double[] a, double[] b) {
        return zip(a, b, (x, y) -> x - y);
    }

    @Override
    public double[] mul(double[] a, double[] b) {
        return zip(a, b, (x, y) -> x * y);
    }

    @Override
    public double[] neg(double[] a) {
        return map(a, x -> -x);
    }

    @Override
    public double[] exp(double[] a) {
        return map(a, Math::exp);
    }

    @Override
    public double[] square(double[] a) {
        return map(a, x -> x * x);
    }

    @Override
    public double[] min(double[] a, double[] b) {
        return zip(a, b, Math::min);
    }

    @Override
    public double[] max(double[] a, double[] b) {
        return zip(a, b, Math::max);
    }

    @Override
    public double[] clip(double[] a, double[] lo, double[] hi) {
        return min(max(a, lo), hi);
    }

    @Override
    public double[] mean(double[] a) {
        double sum = 0;
        for (double x : a) {
            sum += x;
        }
        return new double[] {sum / a.length};
    }

    @Override
    public double[] abs(double[] a) {
        return map(a, Math::abs);
    }

    @Override
    public double[] log(double[] a) {
        return map(a, Math::log);
    }

    @Override
    public double[] greater(double[] a, double[] b) {
        return zip(a, b, (x, y) -> x > y ? 1 : 0);
    }

    private static double[] map(double[] a, DoubleUnaryOperator f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f.applyAsDouble(a[i]);
        }
        return out;
    }

    private static double[] zip(double[] a, double[] b, DoubleBinaryOperator f) {
        if (a.length != b.length && a.length != 1 && b.length != 1) {
            throw new IllegalArgumentException("cannot broadcast lengths " + a.length + " and " + b.length);
        }
        int n = Math.max(a.length, b.length);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsDouble(a[a.length == 1 ? 0 : i], b[b.length == 1 ? 0 : i]);
        }
        return out;
    }
}
