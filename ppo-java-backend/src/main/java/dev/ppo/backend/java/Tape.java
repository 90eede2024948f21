package dev.ppo.backend.java;

import dev.ppo.api.loss.LossAlgebra;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Reverse-mode differentiation of the loss algebra over per-sample vectors (length 1 = a scalar
 * that broadcasts), in double precision. {@link dev.ppo.api.objective.PpoLoss} and the objectives
 * are built on it unchanged; the network outputs enter as {@link #input} nodes whose gradients the
 * backend then propagates through its layers. One tape per backend, {@link #reset} before each
 * train step.
 */
final class Tape implements LossAlgebra<Tape.Node> {

    /** A value on the tape and the gradient of the output with respect to it. */
    static final class Node {
        final double[] value;
        final double[] grad;
        private Runnable backward;

        private Node(double[] value, double[] grad) {
            this.value = value;
            this.grad = grad;
        }

        int size() {
            return value.length;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private Map<String, Double> parameters;
    /**
     * The arrays of earlier steps, in the order they were taken: a train step records the same
     * operations on the same sizes every time, so after the first step nothing is allocated.
     */
    private final List<double[]> arena = new ArrayList<>();
    private int taken;

    /** @param parameters the objective's current parameters, for {@link #parameter} */
    Tape(Map<String, Double> parameters) {
        this.parameters = parameters;
    }

    /** Empties the tape for the next train step, keeping its arrays for reuse. */
    void reset(Map<String, Double> parameters) {
        this.parameters = parameters;
        nodes.clear();
        taken = 0;
    }

    /** An array of {@code n} zeros: the next one of the arena when it has that size, else a new one. */
    private double[] array(int n) {
        if (taken < arena.size()) {
            double[] a = arena.get(taken);
            if (a.length == n) {
                taken++;
                java.util.Arrays.fill(a, 0);
                return a;
            }
            arena.subList(taken, arena.size()).clear(); // the step changed shape: start over from here
        }
        double[] a = new double[n];
        arena.add(a);
        taken++;
        return a;
    }

    private Node node(double[] value) {
        return new Node(value, array(value.length));
    }

    /** A value whose gradient the caller reads after {@link #backward} (a network output). */
    Node input(double[] value) {
        return record(node(value));
    }

    /**
     * Column {@code k} of a row-major float matrix of {@code width} columns as an input node, in
     * double ({@code width = 1, k = 0}: the first {@code rows} values of a vector).
     */
    Node column(float[] matrix, int rows, int width, int k) {
        double[] c = array(rows);
        for (int r = 0; r < rows; r++) {
            c[r] = matrix[r * width + k];
        }
        return input(c);
    }

    /**
     * A value computed outside the algebra (a log-probability from logits, say) with its own
     * backward step, which reads {@code node.grad} and pushes it to the caller's buffers.
     */
    Node custom(double[] value, java.util.function.Consumer<Node> backward) {
        Node n = record(node(value));
        n.backward = () -> backward.accept(n);
        return n;
    }

    /** Fills every gradient of {@code output}, a scalar, with d output / d node. */
    void backward(Node output) {
        if (output.size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar, got " + output.size() + " values");
        }
        output.grad[0] = 1;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.backward != null) {
                n.backward.run();
            }
        }
    }

    private double[] scalar(double value) {
        double[] a = array(1);
        a[0] = value;
        return a;
    }

    private Node record(Node n) {
        nodes.add(n);
        return n;
    }

    @Override
    public Node constant(double value) {
        return record(node(scalar(value)));
    }

    @Override
    public Node parameter(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no value for parameter '" + name + "'; the objective gives "
                    + parameters.keySet());
        }
        return constant(v);
    }

    // add, sub, mul, neg, exp and square, the bulk of the loss, have loops of their own: the
    // generic unary/binary below call their functions through a megamorphic interface per element.

    @Override
    public Node add(Node a, Node b) {
        int n = size(a, b);
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = at(a, i) + at(b, i);
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                a.grad[index(a, i)] += out.grad[i];
                b.grad[index(b, i)] += out.grad[i];
            }
        };
        return out;
    }

    @Override
    public Node sub(Node a, Node b) {
        int n = size(a, b);
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = at(a, i) - at(b, i);
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                a.grad[index(a, i)] += out.grad[i];
                b.grad[index(b, i)] -= out.grad[i];
            }
        };
        return out;
    }

    @Override
    public Node mul(Node a, Node b) {
        int n = size(a, b);
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = at(a, i) * at(b, i);
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                double g = out.grad[i];
                a.grad[index(a, i)] += g * at(b, i);
                b.grad[index(b, i)] += g * at(a, i);
            }
        };
        return out;
    }

    @Override
    public Node neg(Node a) {
        int n = a.size();
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = -a.value[i];
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                a.grad[i] -= out.grad[i];
            }
        };
        return out;
    }

    @Override
    public Node exp(Node a) {
        int n = a.size();
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(a.value[i]);
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                a.grad[i] += out.grad[i] * v[i];
            }
        };
        return out;
    }

    @Override
    public Node square(Node a) {
        int n = a.size();
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = a.value[i] * a.value[i];
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                a.grad[i] += out.grad[i] * 2 * a.value[i];
            }
        };
        return out;
    }

    private static int size(Node a, Node b) {
        if (a.size() != b.size() && a.size() != 1 && b.size() != 1) {
            throw new IllegalArgumentException("cannot broadcast lengths " + a.size() + " and " + b.size());
        }
        return Math.max(a.size(), b.size());
    }

    private static int index(Node n, int i) {
        return n.size() == 1 ? 0 : i;
    }

    @Override
    public Node abs(Node a) {
        return unary(a, Math::abs, (x, y) -> Math.signum(x));
    }

    @Override
    public Node log(Node a) {
        return unary(a, Math::log, (x, y) -> 1 / x);
    }

    /** Ties send the gradient to {@code a}; both sides are equal there, so the sum is the same. */
    @Override
    public Node min(Node a, Node b) {
        return binary(a, b, Math::min, (x, y) -> x <= y ? 1 : 0, (x, y) -> x <= y ? 0 : 1);
    }

    @Override
    public Node max(Node a, Node b) {
        return binary(a, b, Math::max, (x, y) -> x >= y ? 1 : 0, (x, y) -> x >= y ? 0 : 1);
    }

    /** The gradient passes where lo ≤ a ≤ hi, as torch.clamp's; none flows into the bounds. */
    @Override
    public Node clip(Node a, Node lo, Node hi) {
        int n = Math.max(a.size(), Math.max(lo.size(), hi.size()));
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = Math.min(Math.max(at(a, i), at(lo, i)), at(hi, i));
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                double x = at(a, i);
                if (x >= at(lo, i) && x <= at(hi, i)) {
                    a.grad[a.size() == 1 ? 0 : i] += out.grad[i];
                }
            }
        };
        return out;
    }

    @Override
    public Node mean(Node a) {
        double sum = 0;
        for (double x : a.value) {
            sum += x;
        }
        int n = a.size();
        Node out = record(node(scalar(sum / n)));
        out.backward = () -> {
            double g = out.grad[0] / n;
            for (int i = 0; i < n; i++) {
                a.grad[i] += g;
            }
        };
        return out;
    }

    @Override
    public Node greater(Node a, Node b) {
        int n = Math.max(a.size(), b.size());
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = at(a, i) > at(b, i) ? 1 : 0;
        }
        return record(node(v)); // a diagnostic: no gradient
    }

    private static double at(Node n, int i) {
        return n.value[n.size() == 1 ? 0 : i];
    }

    /** f elementwise; df(x, f(x)) its derivative. */
    private Node unary(Node a, DoubleUnaryOperator f, DoubleBinaryOperator df) {
        int n = a.size();
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = f.applyAsDouble(a.value[i]);
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                a.grad[i] += out.grad[i] * df.applyAsDouble(a.value[i], v[i]);
            }
        };
        return out;
    }

    /** f elementwise with broadcasting; da, db its partial derivatives at (x, y). */
    private Node binary(Node a, Node b, DoubleBinaryOperator f, DoubleBinaryOperator da, DoubleBinaryOperator db) {
        if (a.size() != b.size() && a.size() != 1 && b.size() != 1) {
            throw new IllegalArgumentException("cannot broadcast lengths " + a.size() + " and " + b.size());
        }
        int n = Math.max(a.size(), b.size());
        double[] v = array(n);
        for (int i = 0; i < n; i++) {
            v[i] = f.applyAsDouble(at(a, i), at(b, i));
        }
        Node out = record(node(v));
        out.backward = () -> {
            for (int i = 0; i < n; i++) {
                double x = at(a, i);
                double y = at(b, i);
                a.grad[a.size() == 1 ? 0 : i] += out.grad[i] * da.applyAsDouble(x, y);
                b.grad[b.size() == 1 ? 0 : i] += out.grad[i] * db.applyAsDouble(x, y);
            }
        };
        return out;
    }
}
