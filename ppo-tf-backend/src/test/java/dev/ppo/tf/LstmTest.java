package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@link Lstm} against the LSTM equations written out in plain Java (PyTorch's gate order, the
 * logistic σ), both unrolled over sequences with episode starts and stepped one step at a time as
 * acting does; and its gradient against finite differences.
 */
class LstmTest {

    private static final int IN = 3;
    private static final int H = 4;
    private static final int SEQUENCES = 2;
    private static final int STEPS = 5;

    /** Rows s·STEPS + t; sequence 0 starts an episode at t = 3, sequence 1 at t = 0. */
    private static final float[] STARTS = {0, 0, 0, 1, 0, 1, 0, 0, 0, 0};

    @Test
    void unrolledSequencesAndSingleStepsFollowTheLstmEquations() {
        Random rng = new Random(3);
        float[] x = gaussian(rng, SEQUENCES * STEPS * IN, 1);
        float[] h0 = gaussian(rng, SEQUENCES * H, 0.5f);
        float[] c0 = gaussian(rng, SEQUENCES * H, 0.5f);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            VariableStore store = new VariableStore(tf);
            Lstm lstm = Lstm.create(store, "trunk", IN, H, Group.ACTOR, 11);
            Inputs in = Inputs.create(tf);
            Operand<TFloat32> unrolled = lstm.unroll(tf, in.x, in.starts, new Lstm.State(in.h, in.c), SEQUENCES, STEPS);
            // the acting path: one step of a batch of one
            Placeholder<TFloat32> xt = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, IN)));
            Placeholder<TFloat32> ht = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, H)));
            Placeholder<TFloat32> ct = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, H)));
            Lstm.State next = lstm.step(tf, xt, new Lstm.State(ht, ct));
            VariableIo io = new VariableIo(tf, store);
            io.assignInitial(s);
            float[][] w = weights(store);
            assertThat(w[2]).as("zero biases").containsOnly(0f);
            // non-zero biases, so that a wrong gate order shows
            w[2] = gaussian(rng, 4 * H, 0.5f);
            io.assign(s, "trunk/lstm/b", w[2]);

            float[] expected = reference(w, x, h0, c0);
            float[] actual = in.run(s, unrolled, x, h0, c0);
            assertClose(actual, expected, 1e-5);

            float[] stepped = new float[expected.length];
            for (int seq = 0; seq < SEQUENCES; seq++) {
                float[] h = slice(h0, seq * H, H);
                float[] c = slice(c0, seq * H, H);
                for (int t = 0; t < STEPS; t++) {
                    int row = seq * STEPS + t;
                    if (STARTS[row] == 1) {
                        h = new float[H];
                        c = new float[H];
                    }
                    try (TFloat32 a = tensor(new long[] {1, IN}, slice(x, row * IN, IN));
                         TFloat32 b = tensor(new long[] {1, H}, h); TFloat32 d = tensor(new long[] {1, H}, c);
                         Result r = s.runner().feed(xt, a).feed(ht, b).feed(ct, d).fetch(next.h()).fetch(next.c()).run()) {
                        h = read(r, 0, H);
                        c = read(r, 1, H);
                    }
                    System.arraycopy(h, 0, stepped, row * H, H);
                }
            }
            assertClose(stepped, expected, 1e-5);
        }
    }

    @Test
    void gradientOfTheUnrolledLayerMatchesFiniteDifferences() {
        Random rng = new Random(5);
        float[] x = gaussian(rng, SEQUENCES * STEPS * IN, 1);
        float[] h0 = gaussian(rng, SEQUENCES * H, 0.5f);
        float[] c0 = gaussian(rng, SEQUENCES * H, 0.5f);
        float[] weightsOfOutputs = gaussian(rng, SEQUENCES * STEPS * H, 1);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            VariableStore store = new VariableStore(tf);
            Lstm lstm = Lstm.create(store, "trunk", IN, H, Group.ACTOR, 12);
            Inputs in = Inputs.create(tf);
            Operand<TFloat32> out = lstm.unroll(tf, in.x, in.starts, new Lstm.State(in.h, in.c), SEQUENCES, STEPS);
            Operand<TFloat32> y = tf.sum(tf.math.mul(out, tf.constant(Shape.of(SEQUENCES * STEPS, H),
                    DataBuffers.of(weightsOfOutputs, true, false))), tf.constant(new int[] {0, 1}));
            List<Variable> vars = store.all();
            var grads = tf.gradients(y, vars.stream().map(Variable::value).toList());
            VariableIo io = new VariableIo(tf, store);
            io.assignInitial(s);
            float[][] w = weights(store);
            for (int v = 0; v < vars.size(); v++) {
                float[] analytic = in.run(s, grads.dy(v), x, h0, c0);
                assertThat(analytic).as(vars.get(v).name() + " has a gradient").isNotEqualTo(new float[analytic.length]);
                for (int k = 0; k < analytic.length; k += Math.max(1, analytic.length / 7)) {
                    float[] perturbed = w[v].clone();
                    float eps = 1e-2f;
                    perturbed[k] = w[v][k] + eps;
                    io.assign(s, vars.get(v).name(), perturbed);
                    double plus = in.run(s, y, x, h0, c0)[0];
                    perturbed[k] = w[v][k] - eps;
                    io.assign(s, vars.get(v).name(), perturbed);
                    double minus = in.run(s, y, x, h0, c0)[0];
                    io.assign(s, vars.get(v).name(), w[v]);
                    assertThat((double) analytic[k]).as(vars.get(v).name() + "[" + k + "]")
                            .isCloseTo((plus - minus) / (2 * eps), within(2e-3 + 2e-2 * Math.abs(analytic[k])));
                }
            }
        }
    }

    /** The LSTM equations on row-major weights {wx [IN,4H], wh [H,4H], b [4H]}, in double precision. */
    private static float[] reference(float[][] w, float[] x, float[] h0, float[] c0) {
        float[] out = new float[SEQUENCES * STEPS * H];
        for (int seq = 0; seq < SEQUENCES; seq++) {
            double[] h = new double[H];
            double[] c = new double[H];
            for (int j = 0; j < H; j++) {
                h[j] = h0[seq * H + j];
                c[j] = c0[seq * H + j];
            }
            for (int t = 0; t < STEPS; t++) {
                int row = seq * STEPS + t;
                if (STARTS[row] == 1) {
                    h = new double[H];
                    c = new double[H];
                }
                double[] z = new double[4 * H];
                for (int q = 0; q < 4 * H; q++) {
                    z[q] = w[2][q];
                    for (int i = 0; i < IN; i++) {
                        z[q] += x[row * IN + i] * w[0][i * 4 * H + q];
                    }
                    for (int i = 0; i < H; i++) {
                        z[q] += h[i] * w[1][i * 4 * H + q];
                    }
                }
                for (int j = 0; j < H; j++) {
                    double in = sigma(z[j]);
                    double forget = sigma(z[H + j]);
                    double cell = Math.tanh(z[2 * H + j]);
                    double output = sigma(z[3 * H + j]);
                    c[j] = forget * c[j] + in * cell;
                    h[j] = output * Math.tanh(c[j]);
                    out[row * H + j] = (float) h[j];
                }
            }
        }
        return out;
    }

    private static double sigma(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** The placeholders of an unrolled layer: inputs, episode starts and the initial state. */
    private record Inputs(Placeholder<TFloat32> x, Placeholder<TFloat32> starts, Placeholder<TFloat32> h,
                          Placeholder<TFloat32> c) {

        static Inputs create(Ops tf) {
            return new Inputs(
                    tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SEQUENCES * STEPS, IN))),
                    tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SEQUENCES * STEPS))),
                    tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SEQUENCES, H))),
                    tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SEQUENCES, H))));
        }

        float[] run(Session s, Operand<TFloat32> fetch, float[] xv, float[] hv, float[] cv) {
            try (TFloat32 a = tensor(new long[] {SEQUENCES * STEPS, IN}, xv);
                 TFloat32 b = tensor(new long[] {SEQUENCES * STEPS}, STARTS);
                 TFloat32 d = tensor(new long[] {SEQUENCES, H}, hv); TFloat32 e = tensor(new long[] {SEQUENCES, H}, cv);
                 Result r = s.runner().feed(x, a).feed(starts, b).feed(h, d).feed(c, e).fetch(fetch).run()) {
                return read(r, 0, Math.toIntExact(((TFloat32) r.get(0)).size()));
            }
        }
    }

    private static float[][] weights(VariableStore store) {
        List<Variable> vars = store.all();
        assertThat(vars).extracting(Variable::name).containsExactly("trunk/lstm/wx", "trunk/lstm/wh", "trunk/lstm/b");
        return vars.stream().map(v -> v.initial().clone()).toArray(float[][]::new);
    }

    private static float[] read(Result r, int i, int n) {
        float[] v = new float[n];
        ((TFloat32) r.get(i)).asRawTensor().data().asFloats().read(v);
        return v;
    }

    private static TFloat32 tensor(long[] shape, float[] values) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    private static float[] slice(float[] v, int from, int n) {
        float[] out = new float[n];
        System.arraycopy(v, from, out, 0, n);
        return out;
    }

    private static float[] gaussian(Random rng, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * scale);
        }
        return v;
    }

    private static void assertClose(float[] actual, float[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element " + i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
