package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.testing.DoubleAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The TensorFlow algebra computes what the api's plain-Java {@link DoubleAlgebra} computes. */
class TfAlgebraTest {

    private static final float[] LOGP = {-0.2f, -1.5f, -0.7f, -2.0f};
    private static final float[] OLD = {-0.4f, -1.0f, -0.7f, -2.6f};
    private static final float[] ADV = {1.0f, -0.5f, 2.0f, -1.5f};
    private static final float[] KL = {0.01f, 0.2f, 0.0f, 0.05f};

    @Test
    void objectivesMatchDoubleAlgebra() {
        Map<String, Double> params = Map.of("clip_epsilon", 0.2, "beta", 0.7);
        for (var objective : List.of(new Fixtures.ClipObjective(), new Fixtures.KlPenaltyObjective())) {
            DoubleAlgebra d = new DoubleAlgebra(params);
            double expected = objective.surrogate(d, new PolicyTerms<>(dbl(LOGP), dbl(OLD), dbl(ADV), dbl(KL)))[0];
            try (Graph g = new Graph(); Session s = new Session(g)) {
                Ops tf = Ops.create(g);
                TfAlgebra alg = new TfAlgebra(tf);
                var p = List.of(vec(tf), vec(tf), vec(tf), vec(tf));
                Operand<TFloat32> out = objective.surrogate(alg, new PolicyTerms<>(p.get(0), p.get(1), p.get(2), p.get(3)));
                assertThat(out.shape().numDimensions()).isZero();
                List<Placeholder<TFloat32>> ins = new java.util.ArrayList<>(p);
                List<float[]> vals = new java.util.ArrayList<>(List.of(LOGP, OLD, ADV, KL));
                for (var e : alg.parameters().entrySet()) {
                    ins.add(e.getValue());
                    vals.add(new float[] {params.get(e.getKey()).floatValue()});
                }
                float actual = PolicyHeadTest.run(s, ins, vals, List.of(out))[0][0];
                assertThat((double) actual).as(objective.getClass().getSimpleName()).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void elementwiseOpsBroadcastLikeDoubleAlgebra() {
        DoubleAlgebra d = new DoubleAlgebra(Map.of());
        double[] a = dbl(ADV);
        double[] b = dbl(OLD);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            TfAlgebra alg = new TfAlgebra(tf);
            var x = vec(tf);
            var y = vec(tf);
            Operand<TFloat32> half = alg.constant(0.5);
            List<Operand<TFloat32>> outs = List.of(alg.add(x, y), alg.sub(x, half), alg.mul(half, y), alg.neg(x),
                    alg.exp(y), alg.square(x), alg.min(x, y), alg.max(x, half), alg.clip(x, alg.neg(half), half),
                    alg.mean(x), alg.mean(alg.mean(x)));
            List<double[]> expected = List.of(d.add(a, b), d.sub(a, d.constant(0.5)), d.mul(d.constant(0.5), b),
                    d.neg(a), d.exp(b), d.square(a), d.min(a, b), d.max(a, d.constant(0.5)),
                    d.clip(a, d.constant(-0.5), d.constant(0.5)), d.mean(a), d.mean(d.mean(a)));
            float[][] got = PolicyHeadTest.run(s, List.of(x, y), List.of(ADV, OLD), outs);
            for (int k = 0; k < outs.size(); k++) {
                assertThat(got[k]).hasSize(expected.get(k).length);
                for (int i = 0; i < got[k].length; i++) {
                    assertThat((double) got[k][i]).as("op %d element %d", k, i).isCloseTo(expected.get(k)[i], within(1e-6));
                }
            }
        }
    }

    @Test
    void aParameterIsOnePlaceholderPerName() {
        try (Graph g = new Graph()) {
            TfAlgebra alg = new TfAlgebra(Ops.create(g));
            Operand<TFloat32> a = alg.parameter("kl beta");
            assertThat(alg.parameter("kl beta")).isSameAs(a);
            alg.parameter("clip_epsilon");
            assertThat(alg.parameters().keySet()).containsExactly("kl beta", "clip_epsilon");
            assertThat(a.shape().numDimensions()).isZero();
        }
    }

    private static Placeholder<TFloat32> vec(Ops tf) {
        return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(LOGP.length)));
    }

    private static double[] dbl(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
