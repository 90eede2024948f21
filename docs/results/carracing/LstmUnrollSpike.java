import org.tensorflow.*;
import org.tensorflow.op.*;
import org.tensorflow.op.core.*;
import org.tensorflow.op.math.*;
import org.tensorflow.types.TFloat32;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import java.util.List; import java.util.ArrayList; import java.util.Map; import java.util.LinkedHashMap; import java.util.Random; import java.util.Iterator;

/**
 * Groundwork for a recurrent CarRacing policy: an LSTM statically unrolled over T steps in TF Java 1.1
 * graph mode (Unstack, Split, Stack; sigmoid written as 0.5 tanh(x/2) + 0.5, whose gradient this
 * project has measured), its state zeroed where an episode starts, the gradient of a loss on its
 * outputs checked against finite differences ("check"), and the time to build and run it.
 * Arguments: sequences B, steps T, input features F, hidden units H [check]. From the repository root:
 * <pre>
 * M=ppo-runner/target/modules; CP=$(ls $M/{tensorflow,javacpp,ndarray,protobuf}*.jar | tr '\n' :)
 * javac -cp $CP -d /tmp/spike docs/results/carracing/LstmUnrollSpike.java
 * java -cp /tmp/spike:$CP LstmUnrollSpike 2 4 3 2 check; java -cp /tmp/spike:$CP LstmUnrollSpike 8 128 512 256
 * </pre>
 */
public class LstmUnrollSpike {
    public static void main(String[] a) {
        int B = Integer.parseInt(a[0]), T = Integer.parseInt(a[1]), F = Integer.parseInt(a[2]), H = Integer.parseInt(a[3]);
        boolean check = a.length > 4;
        long t0 = System.nanoTime();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B * T, F)));      // env-major rows
            Placeholder<TFloat32> starts = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B * T, 1)));
            Placeholder<TFloat32> h0 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B, H)));
            Placeholder<TFloat32> c0 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B, H)));
            Placeholder<TFloat32> wx = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(F, 4 * H)));
            Placeholder<TFloat32> wh = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(H, 4 * H)));
            Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(4 * H)));
            // input projection for all rows at once, then [B, T, 4H] -> T tensors of [B, 4H]
            Operand<TFloat32> xp = tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(x, wx), b), tf.constant(new long[] {B, T, 4 * H}));
            List<Output<TFloat32>> xs = tf.unstack(xp, (long) T, Unstack.axis(1L)).output();
            List<Output<TFloat32>> ss = tf.unstack(tf.reshape(starts, tf.constant(new long[] {B, T})), (long) T, Unstack.axis(1L)).output();
            Operand<TFloat32> h = h0, c = c0;
            List<Operand<TFloat32>> hs = new ArrayList<>();
            Operand<TFloat32> half = tf.constant(0.5f), one = tf.constant(1f);
            for (int t = 0; t < T; t++) {
                Operand<TFloat32> keep = tf.expandDims(tf.math.sub(one, ss.get(t)), tf.constant(1));   // [B,1]: 0 where an episode starts
                h = tf.math.mul(h, keep); c = tf.math.mul(c, keep);
                Operand<TFloat32> z = tf.math.add(xs.get(t), tf.linalg.matMul(h, wh));
                List<Output<TFloat32>> gates = tf.split(tf.constant(1), z, 4L).output();
                // sigmoid as 0.5 tanh(x/2) + 0.5: tanh's gradient is measured in this project
                Operand<TFloat32> i = tf.math.add(tf.math.mul(half, tf.math.tanh(tf.math.mul(half, gates.get(0)))), half);
                Operand<TFloat32> f = tf.math.add(tf.math.mul(half, tf.math.tanh(tf.math.mul(half, gates.get(1)))), half);
                Operand<TFloat32> gg = tf.math.tanh(gates.get(2));
                Operand<TFloat32> o = tf.math.add(tf.math.mul(half, tf.math.tanh(tf.math.mul(half, gates.get(3)))), half);
                c = tf.math.add(tf.math.mul(f, c), tf.math.mul(i, gg));
                h = tf.math.mul(o, tf.math.tanh(c));
                hs.add(h);
            }
            Operand<TFloat32> out = tf.reshape(tf.stack(hs, org.tensorflow.op.core.Stack.axis(1L)), tf.constant(new long[] {B * T, H}));   // env-major again
            Operand<TFloat32> loss = tf.math.mean(tf.math.square(out), tf.constant(new int[] {0, 1}));
            long t1 = System.nanoTime();
            Gradients gr = tf.gradients(loss, List.of(wx, wh, b));
            long t2 = System.nanoTime();
            System.out.printf("B=%d T=%d F=%d H=%d: graph %.2f s, gradients %.2f s, ops %d%n", B, T, F, H, (t1 - t0) / 1e9, (t2 - t1) / 1e9, count(g));
            Random r = new Random(1);
            float[] vx = rnd(r, B * T * F, 1f), vst = new float[B * T], vh = rnd(r, B * H, 0.5f), vc = rnd(r, B * H, 0.5f);
            for (int k = 0; k < B * T; k++) vst[k] = (k % T == 0 || r.nextDouble() < 0.01) ? 1 : 0;
            float[] vwx = rnd(r, F * 4 * H, (float) (1 / Math.sqrt(F))), vwh = rnd(r, H * 4 * H, (float) (1 / Math.sqrt(H))), vb = rnd(r, 4 * H, 0.1f);
            Map<Placeholder<TFloat32>, float[]> feed = new LinkedHashMap<>();
            feed.put(x, vx); feed.put(starts, vst); feed.put(h0, vh); feed.put(c0, vc); feed.put(wx, vwx); feed.put(wh, vwh); feed.put(b, vb);
            for (int rep = 0; rep < 4; rep++) {
                long a0 = System.nanoTime();
                float[][] res = run(s, feed, loss, gr.dy(0), gr.dy(1), gr.dy(2));
                System.out.printf("  run %d: %.3f s, loss %.6f, |dwh| %.6f%n", rep, (System.nanoTime() - a0) / 1e9, res[0][0], norm(res[2]));
                if (check && rep == 0) {
                    // finite differences on a few entries of wh and wx
                    for (int[] pick : new int[][] {{1, 0}, {1, 3}, {0, 5}, {2, 1}}) {
                        float[] w = pick[0] == 0 ? vwx : pick[0] == 1 ? vwh : vb; int k = pick[1]; float e = 1e-2f; float keep = w[k];
                        w[k] = keep + e; double lp = run(s, feed, loss)[0][0]; w[k] = keep - e; double lm = run(s, feed, loss)[0][0]; w[k] = keep;
                        System.out.printf("    d/d%s[%d]: analytic %.6f numeric %.6f%n", pick[0] == 0 ? "wx" : pick[0] == 1 ? "wh" : "b", k, res[1 + pick[0]][k], (lp - lm) / (2 * e));
                    }
                }
            }
        }
    }
    static long count(Graph g) { long n = 0; Iterator<?> it = g.operations(); while (it.hasNext()) { it.next(); n++; } return n; }
    static double norm(float[] v) { double s = 0; for (float f : v) s += f * f; return Math.sqrt(s); }
    static float[] rnd(Random r, int n, float sc) { float[] v = new float[n]; for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * sc); return v; }
    @SafeVarargs
    static float[][] run(Session s, Map<Placeholder<TFloat32>, float[]> feed, Operand<TFloat32>... fetch) {
        Session.Runner runner = s.runner(); List<TFloat32> ts = new ArrayList<>();
        for (var e : feed.entrySet()) {
            Shape sh = e.getKey().asOutput().shape();
            TFloat32 t = TFloat32.tensorOf(sh, DataBuffers.of(e.getValue(), true, false)); ts.add(t); runner.feed(e.getKey(), t);
        }
        for (Operand<TFloat32> f : fetch) runner.fetch(f);
        float[][] out = new float[fetch.length][];
        try (Result res = runner.run()) {
            for (int i = 0; i < fetch.length; i++) {
                TFloat32 t = (TFloat32) res.get(i); float[] v = new float[(int) t.size()]; t.copyTo(DataBuffers.of(v, false, false)); out[i] = v;
            }
        }
        ts.forEach(TFloat32::close);
        return out;
    }
}
