package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.distribution.BetaDistribution;
import dev.ppo.api.distribution.Scalars;
import dev.ppo.api.space.Box;
import java.util.List;
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

/** logProb, KL and entropy from the graph equal a plain-Java computation on small cases. */
class PolicyHeadTest {

    @Test
    void categoricalMatchesPlainJava() {
        float[] logits = {0.5f, -1.0f, 2.0f, 0.0f, 0.0f, 0.0f};   // 2 samples × 3 actions
        float[] oldLogits = {0.2f, -0.5f, 1.5f, 1.0f, -1.0f, 0.3f};
        float[] actions = {2, 1};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var l = placeholder(tf, 2, 3);
            var ol = placeholder(tf, 2, 3);
            var a = placeholder(tf, 2, 1);
            CategoricalHead head = new CategoricalHead(tf, 3);
            float[][] out = run(s, List.of(l, ol, a), List.of(logits, oldLogits, actions),
                    List.of(head.logProb(l, a), head.kl(ol, l), head.meanEntropy(l)));
            double entropy = 0;
            for (int i = 0; i < 2; i++) {
                float[] li = Fixtures.row(logits, i, 3);
                float[] oi = Fixtures.row(oldLogits, i, 3);
                assertThat(out[0][i]).isCloseTo((float) Reference.categoricalLogProb(li, (int) actions[i]), within(1e-6f));
                assertThat(out[1][i]).isCloseTo((float) Reference.categoricalKl(oi, li), within(1e-6f));
                entropy += Reference.categoricalEntropy(li) / 2;
            }
            assertThat(out[2][0]).isCloseTo((float) entropy, within(1e-6f));
            assertThat(head.distribution(l)).as("logits are the parameters").isSameAs(l);
            // Uniform logits: entropy log 3 for that row, KL of a distribution to itself 0.
            assertThat(Reference.categoricalEntropy(Fixtures.row(logits, 1, 3))).isCloseTo(Math.log(3), within(1e-12));
        }
    }

    @Test
    void gaussianMatchesPlainJava() {
        float[] mean = {0.1f, -0.3f, 1.0f, 0.5f};            // 2 samples × d = 2
        float[] logStd = {-0.5f, 0.2f};
        float[] old = {0.0f, -0.2f, -0.4f, 0.1f, 0.8f, 0.6f, 0.0f, -0.3f}; // 2 × (2 means, 2 log-stds)
        float[] actions = {0.3f, -1.0f, 1.2f, 0.0f};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var mu = placeholder(tf, 2, 2);
            var ls = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2)));
            var o = placeholder(tf, 2, 4);
            var a = placeholder(tf, 2, 2);
            GaussianHead head = new GaussianHead(tf, 2, ls);
            float[][] out = run(s, List.of(mu, ls, o, a), List.of(mean, logStd, old, actions),
                    List.of(head.logProb(mu, a), head.kl(o, mu), head.meanEntropy(mu), head.distribution(mu)));
            for (int i = 0; i < 2; i++) {
                float[] params = {mean[2 * i], mean[2 * i + 1], logStd[0], logStd[1]};
                assertThat(Fixtures.row(out[3], i, 4)).containsExactly(params);
                assertThat(out[0][i]).isCloseTo((float) Reference.gaussianLogProb(params, Fixtures.row(actions, i, 2)),
                        within(1e-5f));
                assertThat(out[1][i]).isCloseTo((float) Reference.gaussianKl(Fixtures.row(old, i, 4), params),
                        within(1e-5f));
            }
            float[] params0 = {mean[0], mean[1], logStd[0], logStd[1]};
            assertThat(out[2][0]).isCloseTo((float) Reference.gaussianEntropy(params0), within(1e-5f));
        }
    }

    @Test
    void betaMatchesTheOneDefinitionInDoublePrecision() {
        Box box = Fixtures.betaBox(2);                         // [-1, 1] × [0, 1]
        BetaDistribution definition = BetaDistribution.on(box);
        float[] head = {0.3f, -1.2f, 2.5f, 0.0f, -4.0f, 1.0f, 0.7f, 6.0f}; // 2 samples × 2d pre-activations
        float[] old = {1.5f, 2.0f, 3.0f, 1.1f, 1.0f, 4.0f, 2.2f, 1.3f};    // 2 × (2 α, 2 β)
        float[] actions = {0.25f, 0.9f, -0.999f, 0.001f};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var h = placeholder(tf, 2, 4);
            var o = placeholder(tf, 2, 4);
            var a = placeholder(tf, 2, 2);
            BetaHead betaHead = new BetaHead(tf, definition);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> mode = (Operand<TFloat32>) betaHead.mode(h);
            float[][] out = run(s, List.of(h, o, a), List.of(head, old, actions), List.of(betaHead.logProb(h, a),
                    betaHead.kl(o, h), betaHead.meanEntropy(h), betaHead.distribution(h), mode));
            double entropy = 0;
            for (int i = 0; i < 2; i++) {
                float[] params = new float[4];
                for (int k = 0; k < 4; k++) {
                    params[k] = (float) (1 + Math.log1p(Math.exp(head[4 * i + k])));
                    assertThat(out[3][4 * i + k]).isCloseTo(params[k], within(1e-6f));
                }
                List<Double> p = doubles(params);
                var dist = definition.of(Scalars.INSTANCE, p);
                assertThat(out[0][i]).isCloseTo(dist.logProb(doubles(Fixtures.row(actions, i, 2))).floatValue(),
                        within(2e-4f));
                assertThat(out[1][i]).isCloseTo(dist.klFrom(definition.of(Scalars.INSTANCE,
                        doubles(Fixtures.row(old, i, 4)))).floatValue(), within(2e-5f));
                entropy += dist.entropy() / 2;
                for (int j = 0; j < 2; j++) {
                    assertThat(out[4][2 * i + j]).isCloseTo(
                            (float) definition.meanAction(j, params[j], params[2 + j]), within(1e-6f));
                }
            }
            assertThat(out[2][0]).isCloseTo((float) entropy, within(2e-5f));
        }
    }

    private static List<Double> doubles(float[] v) {
        List<Double> out = new java.util.ArrayList<>();
        for (float x : v) {
            out.add((double) x);
        }
        return out;
    }

    @Test
    void klOfADistributionToItselfIsZero() {
        float[] logits = {0.5f, -1.0f, 2.0f};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var l = placeholder(tf, 1, 3);
            float[][] out = run(s, List.of(l), List.of(logits), List.of(new CategoricalHead(tf, 3).kl(l, l)));
            assertThat(out[0][0]).isCloseTo(0f, within(1e-7f));
        }
    }

    private static Placeholder<TFloat32> placeholder(Ops tf, long rows, long cols) {
        return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(rows, cols)));
    }

    /** Feeds the placeholders (shapes taken from them) and fetches each output as a flat array. */
    static float[][] run(Session s, List<Placeholder<TFloat32>> ins, List<float[]> values,
                         List<Operand<TFloat32>> outs) {
        List<TFloat32> tensors = new java.util.ArrayList<>();
        try {
            Session.Runner r = s.runner();
            for (int i = 0; i < ins.size(); i++) {
                TFloat32 t = TFloat32.tensorOf(ins.get(i).shape(), DataBuffers.of(values.get(i), true, false));
                tensors.add(t);
                r.feed(ins.get(i), t);
            }
            outs.forEach(r::fetch);
            try (Result res = r.run()) {
                float[][] result = new float[outs.size()][];
                for (int k = 0; k < outs.size(); k++) {
                    TFloat32 t = (TFloat32) res.get(k);
                    result[k] = new float[(int) t.shape().size()];
                    t.asRawTensor().data().asFloats().read(result[k]);
                }
                return result;
            }
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }
}
