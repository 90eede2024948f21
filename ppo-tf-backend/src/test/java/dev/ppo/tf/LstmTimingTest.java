package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.Iterator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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
 * Logs the cost of {@link Lstm} unrolled statically over a minibatch of 1,024 rows (512 features
 * from the Nature-CNN trunk into 256 units, SB3-Contrib's size): graph ops, the first run (TF
 * optimizes the graph once) and later runs of the forward and backward pass, for sequences of 64,
 * 128 and 512 steps. Off by default (a minute of CPU); run with
 * {@code mvn -pl ppo-tf-backend -am test -Dtest=LstmTimingTest -Dsurefire.failIfNoSpecifiedTests=false -Dppo.timing=true}.
 */
@EnabledIfSystemProperty(named = "ppo.timing", matches = "true")
class LstmTimingTest {

    private static final int ROWS = 1024;
    private static final int FEATURES = 512;
    private static final int HIDDEN = 256;

    @Test
    void forwardAndBackwardOfAnUnrolledMinibatch() {
        for (int steps : new int[] {64, 128, 512}) {
            time(ROWS / steps, steps);
        }
    }

    private static void time(int sequences, int steps) {
        long t0 = System.nanoTime();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            VariableStore store = new VariableStore(tf);
            Lstm lstm = Lstm.create(store, "trunk", FEATURES, HIDDEN, Group.ACTOR, 1);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ROWS, FEATURES)));
            Placeholder<TFloat32> starts = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ROWS)));
            Placeholder<TFloat32> h0 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(sequences, HIDDEN)));
            Placeholder<TFloat32> c0 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(sequences, HIDDEN)));
            Operand<TFloat32> out = lstm.unroll(tf, x, starts, new Lstm.State(h0, c0), sequences, steps);
            Operand<TFloat32> loss = tf.math.mean(tf.math.square(out), tf.constant(new int[] {0, 1}));
            var grads = tf.gradients(loss, store.all().stream().map(Variable::value).toList());
            VariableIo io = new VariableIo(tf, store);
            io.assignInitial(s);
            long built = System.nanoTime();

            Random rng = new Random(1);
            float[] startValues = new float[ROWS];
            for (int row = 0; row < ROWS; row++) {
                startValues[row] = row % steps == 0 || rng.nextDouble() < 0.01 ? 1 : 0;
            }
            try (TFloat32 xv = tensor(Shape.of(ROWS, FEATURES), gaussian(rng, ROWS * FEATURES));
                 TFloat32 sv = tensor(Shape.of(ROWS), startValues);
                 TFloat32 hv = tensor(Shape.of(sequences, HIDDEN), gaussian(rng, sequences * HIDDEN));
                 TFloat32 cv = tensor(Shape.of(sequences, HIDDEN), gaussian(rng, sequences * HIDDEN))) {
                double first = 0;
                double later = Double.MAX_VALUE;
                for (int run = 0; run < 4; run++) {
                    Session.Runner runner = s.runner().feed(x, xv).feed(starts, sv).feed(h0, hv).feed(c0, cv).fetch(loss);
                    for (int v = 0; v < store.all().size(); v++) {
                        runner.fetch(grads.dy(v));
                    }
                    long r0 = System.nanoTime();
                    try (Result r = runner.run()) {
                        assertThat(((TFloat32) r.get(0)).getFloat()).isFinite();
                    }
                    double seconds = (System.nanoTime() - r0) / 1e9;
                    if (run == 0) {
                        first = seconds;
                    } else {
                        later = Math.min(later, seconds);
                    }
                }
                System.out.printf("LSTM %d -> %d, %d sequences x %d steps: %d ops, built in %.2f s, first run %.2f s,"
                        + " then %.0f ms per forward and backward%n", FEATURES, HIDDEN, sequences, steps, operations(g),
                        (built - t0) / 1e9, first, later * 1e3);
            }
        }
    }

    private static long operations(Graph g) {
        long n = 0;
        for (Iterator<?> it = g.operations(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    private static TFloat32 tensor(Shape shape, float[] values) {
        return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
    }

    private static float[] gaussian(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
