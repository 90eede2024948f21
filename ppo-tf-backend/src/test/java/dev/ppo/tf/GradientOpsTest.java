package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A gradient smoke test for every op the backend differentiates through: each op's gradient
 * builds, is finite, and matches central finite differences of y = Σ c ⊙ op(x) with a fixed
 * random c. {@link #everyDifferentiatedOpIsCovered} walks the real train graphs and fails if an op
 * on a path from a variable to the loss has no check here.
 */
class GradientOpsTest {

    private static final float EPS = 1e-2f;

    /** op type → function of the checked input x (other inputs are constants). */
    private static final Map<String, List<Check>> CHECKS = new LinkedHashMap<>();

    private record Check(String label, long[] shape, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
    }

    private static void check(String type, String label, long[] shape,
                              BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
        CHECKS.computeIfAbsent(type, k -> new ArrayList<>()).add(new Check(label, shape, f));
    }

    private static Operand<TFloat32> c(Ops tf, long... shape) {
        return constant(tf, shape, 7);
    }

    static {
        long[] m23 = {2, 3};
        check("MatMul", "left operand", m23, (tf, x) -> tf.linalg.matMul(x, c(tf, 3, 4)));
        check("MatMul", "right operand (kernel)", m23, (tf, x) -> tf.linalg.matMul(c(tf, 4, 2), x));
        check("BiasAdd", "value", m23, (tf, x) -> tf.nn.biasAdd(x, c(tf, 3)));
        check("BiasAdd", "bias", new long[] {3}, (tf, x) -> tf.nn.biasAdd(c(tf, 2, 3), x));
        // Convolutional networks: NHWC, VALID padding, stride 2 so that skipped pixels are exercised.
        long[] image = {2, 5, 5, 2};
        long[] kernel = {3, 3, 2, 3};
        List<Long> strides = List.of(1L, 2L, 2L, 1L);
        check("Conv2D", "input, stride 2", image, (tf, x) -> tf.nn.conv2d(x, c(tf, kernel), strides, "VALID"));
        check("Conv2D", "filter, stride 2", kernel, (tf, x) -> tf.nn.conv2d(c(tf, image), x, strides, "VALID"));
        check("BiasAdd", "value, NHWC", new long[] {1, 2, 2, 3}, (tf, x) -> tf.nn.biasAdd(x, c(tf, 3)));
        check("BiasAdd", "bias, NHWC", new long[] {3}, (tf, x) -> tf.nn.biasAdd(c(tf, 1, 2, 2, 3), x));
        check("Relu", "x, NHWC", new long[] {1, 2, 2, 3}, (tf, x) -> tf.nn.relu(x));
        check("Reshape", "flatten NHWC to rows", new long[] {2, 2, 2, 3},
                (tf, x) -> tf.reshape(x, tf.constant(new int[] {-1, 12})));
        check("Tanh", "x", m23, (tf, x) -> tf.math.tanh(x));
        check("Relu", "x (away from 0)", m23, (tf, x) -> tf.nn.relu(x));
        check("LogSoftmax", "logits", m23, (tf, x) -> tf.nn.logSoftmax(x));
        check("Exp", "x", m23, (tf, x) -> tf.math.exp(x));
        check("Log", "x (of x² + 1, kept positive)", m23,
                (tf, x) -> tf.math.log(tf.math.add(tf.math.square(x), tf.constant(1f))));
        // the distributions' one definition works on columns: unstack along the action axis
        check("Unpack", "a column of [2, 3]", m23,
                (tf, x) -> tf.unstack(x, 3L, org.tensorflow.op.core.Unstack.axis(1L)).output().get(1));
        check("Unpack", "an element of a vector (the log-std)", new long[] {3},
                (tf, x) -> tf.unstack(x, 3L, org.tensorflow.op.core.Unstack.axis(0L)).output().get(2));
        check("Square", "x", m23, (tf, x) -> tf.math.square(x));
        check("Neg", "x", m23, (tf, x) -> tf.math.neg(x));
        check("Reshape", "x", m23, (tf, x) -> tf.reshape(x, tf.constant(new int[] {-1})));
        check("Sum", "rows", m23, (tf, x) -> tf.sum(x, tf.constant(1)));
        check("Sum", "vector", new long[] {3}, (tf, x) -> tf.sum(x, tf.constant(0)));
        check("Mean", "batch", new long[] {5}, (tf, x) -> tf.math.mean(x, tf.constant(0)));
        for (String side : List.of("left", "right")) {
            boolean left = side.equals("left");
            check("Add", side + ", broadcast [d] against [n,d]", left ? m23 : new long[] {3},
                    (tf, x) -> left ? tf.math.add(x, c(tf, 3)) : tf.math.add(c(tf, 2, 3), x));
            check("Sub", side + ", broadcast [d] against [n,d]", left ? new long[] {3} : m23,
                    (tf, x) -> left ? tf.math.sub(x, c(tf, 2, 3)) : tf.math.sub(c(tf, 3), x));
            check("Mul", side + ", broadcast scalar/[d] against [n,d]", left ? m23 : new long[] {3},
                    (tf, x) -> left ? tf.math.mul(x, tf.constant(-0.5f)) : tf.math.mul(c(tf, 2, 3), x));
            check("Minimum", side + ", away from ties", m23,
                    (tf, x) -> left ? tf.math.minimum(x, c(tf, 2, 3)) : tf.math.minimum(c(tf, 2, 3), x));
            check("Maximum", side + ", away from ties", m23,
                    (tf, x) -> left ? tf.math.maximum(x, c(tf, 2, 3)) : tf.math.maximum(c(tf, 2, 3), x));
        }
        // The LSTM (Lstm): its gates split from one product, its outputs stacked into a sequence.
        // Two of the four parts unused, as a part that no loss term reaches gets no gradient.
        check("Split", "x into 4 along axis 1, parts 0 and 2 used", new long[] {2, 8}, (tf, x) -> {
            var parts = tf.split(tf.constant(1), x, 4L).output();
            return tf.math.add(tf.math.mul(parts.get(0), tf.constant(2f)), parts.get(2));
        });
        check("Pack", "two steps along axis 1", m23, (tf, x) -> tf.stack(List.of(x, tf.math.mul(x, tf.constant(-0.5f))),
                org.tensorflow.op.core.Stack.axis(1L)));
        check("Minimum", "scalar bound", new long[] {5}, (tf, x) -> tf.math.minimum(x, tf.constant(0.05f)));
        check("Maximum", "scalar bound", new long[] {5}, (tf, x) -> tf.math.maximum(x, tf.constant(0.05f)));
    }

    @TestFactory
    Stream<DynamicTest> gradientOfEachOpMatchesFiniteDifferences() {
        return CHECKS.entrySet().stream().flatMap(e -> e.getValue().stream().map(ch ->
                DynamicTest.dynamicTest(e.getKey() + " wrt " + ch.label(), () -> verify(ch))));
    }

    private static void verify(Check ch) {
        int size = 1;
        for (long d : ch.shape()) {
            size *= (int) d;
        }
        float[] x0 = awayFromKinks(new Random(size * 31L + ch.label().hashCode()), size);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ch.shape())));
            Operand<TFloat32> out = ch.f().apply(tf, x);
            long[] outShape = out.shape().asArray();
            Operand<TFloat32> y = tf.sum(tf.math.mul(out, constant(tf, outShape, 3)),
                    tf.constant(range(outShape.length)));
            Operand<TFloat32> dx = tf.gradients(y, List.of(x)).dy(0);

            float[] grad = new float[size];
            try (TFloat32 in = tensor(ch.shape(), x0); Result r = s.runner().feed(x, in).fetch(dx).run()) {
                ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(grad);
            }
            for (int i = 0; i < size; i++) {
                float[] plus = x0.clone();
                float[] minus = x0.clone();
                plus[i] += EPS;
                minus[i] -= EPS;
                double fd = (eval(s, x, y, ch.shape(), plus) - eval(s, x, y, ch.shape(), minus)) / (2 * EPS);
                assertThat(grad[i]).as("d/dx[%d]", i).isFinite();
                assertThat((double) grad[i]).as("d/dx[%d] vs finite difference", i)
                        .isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-2 * (1 + Math.abs(fd))));
            }
        }
    }

    /** Values at least 0.1 from 0 and from the constants' grid (see {@link #constant}), so kinks are far. */
    private static float[] awayFromKinks(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rng.nextBoolean() ? 1 : -1) * (0.15 + 0.2 * rng.nextInt(5)));
        }
        return a;
    }

    /** A constant whose entries are on the grid ±0.05, ±0.25, ±0.45, ...: never within 0.1 of x. */
    private static Operand<TFloat32> constant(Ops tf, long[] shape, long seed) {
        int size = 1;
        for (long d : shape) {
            size *= (int) d;
        }
        Random rng = new Random(seed + size);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) ((rng.nextBoolean() ? 1 : -1) * (0.05 + 0.2 * rng.nextInt(5)));
        }
        return tf.constant(Shape.of(shape), DataBuffers.of(v, true, false));
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static TFloat32 tensor(long[] shape, float[] values) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    private static double eval(Session s, Placeholder<TFloat32> x, Operand<TFloat32> y, long[] shape, float[] at) {
        try (TFloat32 in = tensor(shape, at); Result r = s.runner().feed(x, in).fetch(y).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    /**
     * Every op on a path from a trained variable to the loss, in every model variant, has a check
     * above (categorical and Gaussian; separate and shared; tanh and ReLU; MLP and convolutional;
     * value clipping on).
     */
    @Test
    void everyDifferentiatedOpIsCovered() {
        List<ModelSpec> specs = List.of(
                Fixtures.spec(3, new Discrete(2), new NetworkSpec(List.of(4), List.of(4), Activation.TANH, false),
                        new Fixtures.ClipObjective(), 0.2, 0.5, 1),
                Fixtures.spec(3, new Discrete(2), new NetworkSpec(List.of(4), List.of(4), Activation.RELU, true),
                        new Fixtures.KlPenaltyObjective(), 0, 0, 1),
                Fixtures.spec(3, Box.of(-1, 1, 2), new NetworkSpec(List.of(4), List.of(4), Activation.RELU, false),
                        new Fixtures.KlPenaltyObjective(), 0.2, 0.5, 1),
                Fixtures.spec(3, Box.of(-1, 1, 2), new NetworkSpec(List.of(4), List.of(), Activation.TANH, true),
                        new Fixtures.ClipObjective(), 0, 0, 1),
                Fixtures.spec(Fixtures.IMAGE, new Discrete(2), Fixtures.smallCnn(true),
                        new Fixtures.ClipObjective(), 0.2, 0.5, 1),
                Fixtures.spec(Fixtures.IMAGE, Box.of(-1, 1, 2), Fixtures.smallCnn(false),
                        new Fixtures.KlPenaltyObjective(), 0, 0, 1));
        Set<String> differentiated = new TreeSet<>();
        for (ModelSpec spec : specs) {
            try (Graph g = new Graph()) {
                ModelGraph model = ModelGraph.build(g, spec, false);
                Set<GraphOperation> fromVariables = descendants(model.store().trainable().stream()
                        .map(v -> (GraphOperation) v.value().op()).toList());
                for (GraphOperation op : ancestors((GraphOperation) model.train().loss.op())) {
                    if (fromVariables.contains(op) && !op.type().equals("ReadVariableOp")) {
                        differentiated.add(op.type());
                    }
                }
            }
        }
        System.out.println("ops differentiated in the train graphs: " + differentiated);
        assertThat(CHECKS.keySet()).containsAll(differentiated);
    }

    private static Set<GraphOperation> descendants(List<GraphOperation> roots) {
        Set<GraphOperation> seen = new HashSet<>(roots);
        Deque<GraphOperation> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            for (GraphOperation c : todo.pop().consumers()) {
                if (seen.add(c)) {
                    todo.push(c);
                }
            }
        }
        return seen;
    }

    private static Set<GraphOperation> ancestors(GraphOperation root) {
        Set<GraphOperation> seen = new HashSet<>(List.of(root));
        Deque<GraphOperation> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (Operand<?> in : todo.pop().inputs()) {
                GraphOperation op = (GraphOperation) in.op();
                if (seen.add(op)) {
                    todo.push(op);
                }
            }
        }
        return seen;
    }
}
