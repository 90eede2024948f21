package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.distribution.BetaDistribution;
import dev.ppo.api.distribution.BoxDistribution;
import dev.ppo.api.distribution.Distribution;
import dev.ppo.api.distribution.Scalars;
import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test models, a test-only clipped objective, and a plain-Java evaluation of exported weights. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * Equation (7) of the PPO paper, test-only (the real objectives live in another module):
     * mean(min(r·Â, clip(r, 1 − ε, 1 + ε)·Â)) with ε fed as {@code clip_epsilon}.
     */
    static final class ClipObjective implements Objective {
        @Override
        public <T> T surrogate(LossAlgebra<T> alg, PolicyTerms<T> t) {
            T eps = alg.parameter("clip_epsilon");
            T one = alg.constant(1);
            T r = t.ratio(alg);
            T clipped = alg.clip(r, alg.sub(one, eps), alg.add(one, eps));
            return alg.mean(alg.min(alg.mul(r, t.advantage()), alg.mul(clipped, t.advantage())));
        }

        @Override
        public Map<String, Double> parameters() {
            return Map.of("clip_epsilon", 0.2);
        }
    }

    /** A KL-penalty surrogate: mean(r·Â − β·KL), exercising the exact KL term. */
    static final class KlPenaltyObjective implements Objective {
        @Override
        public <T> T surrogate(LossAlgebra<T> alg, PolicyTerms<T> t) {
            return alg.mean(alg.sub(alg.mul(t.ratio(alg), t.advantage()), alg.mul(alg.parameter("beta"), t.kl())));
        }
    }

    static ModelSpec spec(int obs, Space actions, NetworkSpec net, Objective objective, double valueClip,
                          double maxGradNorm, long seed) {
        return spec(new int[] {obs}, actions, net, objective, valueClip, maxGradNorm, seed);
    }

    static ModelSpec spec(int[] observationShape, Space actions, NetworkSpec net, Objective objective,
                          double valueClip, double maxGradNorm, long seed) {
        return new ModelSpec(observationShape, actions, net, objective, 0.5, 0.01, valueClip, maxGradNorm, 1e-5, -0.5,
                true, seed);
    }

    /** The small test image: 12×12 pixels, 3 channels, HWC. */
    static final int[] IMAGE = {12, 12, 3};

    /**
     * A small convolutional network on {@link #IMAGE}: conv 4 filters 3×3 stride 2 (→ 5×5×4), dense
     * 16, ReLU, pixels scaled by 1/255 like {@code nature-cnn}.
     */
    static NetworkSpec smallCnn(boolean shared) {
        return new NetworkSpec(List.of(16), List.of(16), Activation.RELU, shared,
                List.of(new NetworkSpec.Conv(4, 3, 2)), 1 / 255.0);
    }

    /** Uniform "pixels" in [0, 255]. */
    static float[] pixels(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextInt(256);
        }
        return a;
    }

    static ModelSpec discrete(int obs, int n, List<Integer> hidden, long seed) {
        return spec(obs, new Discrete(n), new NetworkSpec(hidden, hidden, Activation.TANH, false),
                new ClipObjective(), 0, 0.5, seed);
    }

    /** A Beta policy over a box with unequal bounds per dimension ([-1, 1], [0, 1], [-2, 3], ...). */
    static ModelSpec beta(int obs, int d, List<Integer> hidden, long seed) {
        return withBeta(spec(obs, betaBox(d), new NetworkSpec(hidden, hidden, Activation.TANH, false),
                new ClipObjective(), 0, 0.5, seed));
    }

    static Box betaBox(int d) {
        float[][] bounds = {{-1, 1}, {0, 1}, {-2, 3}};
        float[] low = new float[d];
        float[] high = new float[d];
        for (int j = 0; j < d; j++) {
            low[j] = bounds[j % 3][0];
            high[j] = bounds[j % 3][1];
        }
        return Box.of(low, high);
    }

    /** {@code spec} with a Beta policy instead of a Gaussian one. */
    static ModelSpec withBeta(ModelSpec s) {
        return new ModelSpec(s.observationShape(), s.actionSpace(), s.network(), s.objective(), s.valueCoef(),
                s.entropyCoef(), s.valueClip(), s.maxGradNorm(), s.adamEpsilon(), s.initLogStd(), s.learnLogStd(),
                s.seed(), BoxDistribution.BETA);
    }

    /** A recurrent policy: a shared tanh trunk, an LSTM of {@code lstm} units, trained on sequences of {@code steps}. */
    static ModelSpec recurrent(int obs, Space actions, List<Integer> hidden, int lstm, int steps, long seed) {
        return new ModelSpec(new int[] {obs}, actions, new NetworkSpec(hidden, List.of(), Activation.TANH, true,
                List.of(), 1.0, lstm), new ClipObjective(), 0.5, 0.01, 0, 0.5, 1e-5, -0.5, true, seed,
                BoxDistribution.GAUSSIAN, steps);
    }

    static ModelSpec gaussian(int obs, int d, List<Integer> hidden, long seed) {
        return spec(obs, Box.of(-1, 1, d), new NetworkSpec(hidden, hidden, Activation.TANH, false),
                new ClipObjective(), 0, 0.5, seed);
    }

    static TfBackend backend(ModelSpec spec) {
        return new TfBackend(spec, TfOptions.cpu());
    }

    static TrainInputs inputs(double lr) {
        return new TrainInputs(lr, lr, Map.of("clip_epsilon", 0.2, "beta", 0.5), 0.2);
    }

    static float[] gaussian(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    /**
     * A minibatch whose old distribution, log-probs and values are the backend's current ones (so
     * the ratio starts at 1), with random valid actions and the given advantages and returns.
     */
    static Minibatch onPolicyBatch(TfBackend b, ModelSpec spec, float[] obs, int m, float[] adv, float[] ret,
                                   Random rng) {
        float[] dist = new float[m * b.distributionWidth()];
        float[] values = new float[m];
        b.forward(obs, m, dist, values);
        return onPolicyBatch(b, spec, obs, m, adv, ret, rng, dist, values);
    }

    /** As above, for the distributions and values the policy gave when it acted on {@code obs}. */
    static Minibatch onPolicyBatch(TfBackend b, ModelSpec spec, float[] obs, int m, float[] adv, float[] ret,
                                   Random rng, float[] dist, float[] values) {
        int w = b.distributionWidth();
        float[] actions;
        float[] logp = new float[m];
        if (spec.actionSpace() instanceof Discrete d) {
            actions = new float[m];
            for (int i = 0; i < m; i++) {
                actions[i] = rng.nextInt(d.n());
                logp[i] = (float) Reference.categoricalLogProb(row(dist, i, w), (int) actions[i]);
            }
        } else if (spec.betaPolicy()) {
            // uniform actions inside the box, their log-probability under the one definition
            Box box = (Box) spec.actionSpace();
            int dim = w / 2;
            Distribution beta = BetaDistribution.on(box);
            actions = new float[m * dim];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < dim; j++) {
                    actions[i * dim + j] = box.low(j) + (box.high(j) - box.low(j)) * (0.05f + 0.9f * rng.nextFloat());
                }
                logp[i] = (float) Scalars.logProb(beta, dist, i * w, actions, i * dim);
            }
        } else {
            int dim = w / 2;
            actions = gaussian(rng, m * dim);
            for (int i = 0; i < m; i++) {
                logp[i] = (float) Reference.gaussianLogProb(row(dist, i, w), row(actions, i, dim));
            }
        }
        return new Minibatch(m, obs, actions, logp, dist, adv, ret, values);
    }

    static float[] row(float[] a, int i, int width) {
        float[] r = new float[width];
        System.arraycopy(a, i * width, r, 0, width);
        return r;
    }

    static Map<String, VariableState> byName(List<VariableState> vars) {
        Map<String, VariableState> m = new LinkedHashMap<>();
        for (VariableState v : vars) {
            m.put(v.name(), v);
        }
        return m;
    }

    /** Every variable of {@code actual} equals {@code expected}: names, shapes and bits. */
    static void assertSameState(List<VariableState> expected, List<VariableState> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).name()).isEqualTo(expected.get(i).name());
            assertThat(actual.get(i).shape()).isEqualTo(expected.get(i).shape());
            assertThat(actual.get(i).values()).as(expected.get(i).name()).containsExactly(expected.get(i).values());
        }
    }

    /**
     * {@code b} behaves exactly like {@code a}: the same forward outputs on the minibatch's
     * observations, the same statistics for one more train step, and the same variables after it.
     */
    static void assertSameModel(TfBackend a, TfBackend b, Minibatch batch) {
        int m = batch.size();
        int w = a.distributionWidth();
        float[] da = new float[m * w];
        float[] db = new float[m * w];
        float[] va = new float[m];
        float[] vb = new float[m];
        a.forward(batch.observations(), m, da, va);
        b.forward(batch.observations(), m, db, vb);
        assertThat(db).containsExactly(da);
        assertThat(vb).containsExactly(va);
        assertThat(b.train(batch, inputs(1e-2))).isEqualTo(a.train(batch, inputs(1e-2)));
        assertSameState(a.exportVariables(), b.exportVariables());
    }
}
