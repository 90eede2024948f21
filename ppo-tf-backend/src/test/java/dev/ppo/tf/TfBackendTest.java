package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.distribution.BetaDistribution;
import dev.ppo.api.distribution.Scalars;
import dev.ppo.testing.DoubleAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TfBackendTest {

    @Test
    void forwardMatchesPlainJavaEvaluationOfExportedWeights() {
        List<ModelSpec> specs = List.of(
                Fixtures.discrete(4, 3, List.of(8, 8), 11),
                Fixtures.spec(5, Box.of(-2, 2, 2), new NetworkSpec(List.of(8, 6), List.of(), Activation.RELU, true),
                        new Fixtures.ClipObjective(), 0, 0.5, 12));
        for (ModelSpec spec : specs) {
            try (TfBackend b = Fixtures.backend(spec)) {
                int n = 5;
                int w = b.distributionWidth();
                float[] obs = Fixtures.gaussian(new Random(1), n * spec.observationSize());
                float[] dist = new float[n * w];
                float[] values = new float[n];
                b.forward(obs, n, dist, values);
                Map<String, VariableState> vars = Fixtures.byName(b.exportVariables());
                Activation act = spec.network().activation();
                for (int i = 0; i < n; i++) {
                    double[] x = toDouble(Fixtures.row(obs, i, spec.observationSize()));
                    double[] policy;
                    double[] value;
                    if (spec.network().shared()) {
                        double[] h = Reference.mlp(vars, "trunk", x, act, false);
                        policy = Reference.dense(vars.get("actor/head/w"), vars.get("actor/head/b"), h);
                        value = Reference.dense(vars.get("critic/head/w"), vars.get("critic/head/b"), h);
                    } else {
                        policy = Reference.mlp(vars, "actor", x, act, true);
                        value = Reference.mlp(vars, "critic", x, act, true);
                    }
                    for (int k = 0; k < policy.length; k++) {
                        assertThat((double) dist[i * w + k]).isCloseTo(policy[k], within(1e-5));
                    }
                    if (spec.actionSpace() instanceof Box) {
                        float[] logStd = vars.get("actor/log_std").values();
                        for (int k = 0; k < logStd.length; k++) {
                            assertThat(dist[i * w + policy.length + k]).isEqualTo(logStd[k]);
                        }
                    }
                    assertThat((double) values[i]).isCloseTo(value[0], within(1e-5));
                }
            }
        }
    }

    @Test
    void initialPolicyIsNearUniformAndInitFollowsTheSeed() {
        ModelSpec spec = Fixtures.discrete(4, 2, List.of(64, 64), 7);
        try (TfBackend a = Fixtures.backend(spec); TfBackend same = Fixtures.backend(spec);
             TfBackend other = Fixtures.backend(Fixtures.discrete(4, 2, List.of(64, 64), 8))) {
            int n = 16;
            float[] obs = Fixtures.gaussian(new Random(2), n * 4);
            float[] logits = new float[n * 2];
            float[] values = new float[n];
            a.forward(obs, n, logits, values);
            for (float l : logits) {
                assertThat(Math.abs(l)).as("logit of the 0.01-gain head").isLessThan(0.1f);
            }
            double maxValue = 0;
            for (float v : values) {
                maxValue = Math.max(maxValue, Math.abs(v));
            }
            assertThat(maxValue).as("value head has gain 1").isGreaterThan(0.1);

            Map<String, VariableState> vars = Fixtures.byName(a.exportVariables());
            Map<String, VariableState> sameVars = Fixtures.byName(same.exportVariables());
            for (VariableState v : vars.values()) {
                assertThat(sameVars.get(v.name()).values()).as(v.name()).containsExactly(v.values());
                if (v.name().endsWith("/b") || v.name().contains("adam")) {
                    assertThat(v.values()).as(v.name() + " starts at zero").containsOnly(0f);
                }
            }
            assertThat(Fixtures.byName(other.exportVariables()).get("actor/l0/w").values())
                    .isNotEqualTo(vars.get("actor/l0/w").values());
            // Gains: hidden √2 (4×64, orthonormal rows), policy head 0.01, value head 1 (64×1, unit column).
            assertThat(rowNormSquared(vars.get("actor/l0/w"), 0)).isCloseTo(2.0, within(1e-4));
            assertThat(columnNormSquared(vars.get("actor/head/w"), 1)).isCloseTo(1e-4, within(1e-8));
            assertThat(columnNormSquared(vars.get("critic/head/w"), 0)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void variablesHaveStableNamesAndShapes() {
        try (TfBackend b = Fixtures.backend(Fixtures.discrete(4, 2, List.of(3), 1))) {
            List<String> trained = List.of("actor/l0/w", "actor/l0/b", "actor/head/w", "actor/head/b",
                    "critic/l0/w", "critic/l0/b", "critic/head/w", "critic/head/b");
            List<String> expected = new ArrayList<>(trained);
            trained.forEach(n -> expected.addAll(List.of(n + "/adam_m", n + "/adam_v")));
            expected.add("adam/step");
            Map<String, VariableState> vars = Fixtures.byName(b.exportVariables());
            assertThat(vars.keySet()).containsExactlyElementsOf(expected);
            assertThat(vars.get("actor/l0/w").shape()).containsExactly(4, 3);
            assertThat(vars.get("actor/head/w").shape()).containsExactly(3, 2);
            assertThat(vars.get("critic/head/w").shape()).containsExactly(3, 1);
            assertThat(vars.get("critic/head/b").shape()).containsExactly(1);
            assertThat(vars.get("critic/head/w/adam_v").shape()).containsExactly(3, 1);
            assertThat(vars.get("adam/step").shape()).isEmpty();
        }
        ModelSpec shared = Fixtures.spec(3, Box.of(-1, 1, 2), new NetworkSpec(List.of(5), List.of(9), Activation.TANH,
                true), new Fixtures.ClipObjective(), 0, 0.5, 1);
        try (TfBackend b = Fixtures.backend(shared)) {
            Map<String, VariableState> vars = Fixtures.byName(b.exportVariables());
            assertThat(vars.keySet()).startsWith("trunk/l0/w", "trunk/l0/b", "actor/head/w", "actor/head/b",
                    "actor/log_std", "critic/head/w", "critic/head/b", "trunk/l0/w/adam_m");
            assertThat(vars.get("actor/log_std").values()).containsExactly(-0.5f, -0.5f);
            assertThat(vars.get("critic/head/w").shape()).containsExactly(5, 1);
            assertThat(b.distributionWidth()).isEqualTo(4);
        }
    }

    @Test
    void trainingReducesValueLossOnFixedReturns() {
        for (ModelSpec spec : List.of(Fixtures.discrete(4, 2, List.of(16, 16), 3),
                // No value clipping here: against fixed old values it stops V within ±c of them.
                Fixtures.spec(4, Box.of(-1, 1, 2), new NetworkSpec(List.of(16), List.of(16), Activation.RELU, true),
                        new Fixtures.ClipObjective(), 0, 0.5, 3))) {
            try (TfBackend b = Fixtures.backend(spec)) {
                int m = 32;
                Random rng = new Random(4);
                float[] obs = Fixtures.gaussian(rng, m * 4);
                float[] ret = new float[m];
                for (int i = 0; i < m; i++) {
                    ret[i] = 2 * obs[i * 4] - obs[i * 4 + 1] + 1;
                }
                Minibatch batch = Fixtures.onPolicyBatch(b, spec, obs, m, new float[m], ret, rng);
                double first = b.train(batch, Fixtures.inputs(3e-3)).valueLoss();
                TrainStats last = null;
                for (int step = 0; step < 300; step++) {
                    last = b.train(batch, Fixtures.inputs(3e-3));
                }
                assertThat(last.valueLoss()).as(spec.network().toString()).isLessThan(0.1 * first);
                assertThat(last.gradNorm()).isFinite();
            }
        }
    }

    @Test
    void clippedSurrogateRaisesTheProbabilityOfAnAdvantagedAction() {
        ModelSpec spec = Fixtures.discrete(4, 3, List.of(16), 5);
        try (TfBackend b = Fixtures.backend(spec)) {
            int m = 8;
            float[] one = {0.3f, -0.2f, 0.5f, 1.0f};
            float[] obs = new float[m * 4];
            for (int i = 0; i < m; i++) {
                System.arraycopy(one, 0, obs, i * 4, 4);
            }
            float[] dist = new float[m * 3];
            float[] values = new float[m];
            b.forward(obs, m, dist, values);
            double before = Math.exp(Reference.categoricalLogProb(Fixtures.row(dist, 0, 3), 0));
            float[] logp = new float[m];
            Arrays.fill(logp, (float) Math.log(before));
            float[] adv = new float[m];
            Arrays.fill(adv, 1f);
            Minibatch batch = new Minibatch(m, obs, new float[m], logp, dist.clone(), adv, values.clone(), values.clone());
            TrainStats firstStats = b.train(batch, Fixtures.inputs(1e-2));
            assertThat(firstStats.clipFraction()).isZero();
            assertThat(firstStats.kl()).isCloseTo(0, within(1e-6));
            for (int step = 0; step < 20; step++) {
                b.train(batch, Fixtures.inputs(1e-2));
            }
            b.forward(obs, m, dist, values);
            double after = Math.exp(Reference.categoricalLogProb(Fixtures.row(dist, 0, 3), 0));
            assertThat(after).isGreaterThan(before * 1.1);
            TrainStats stats = b.train(batch, Fixtures.inputs(0));
            assertThat(stats.clipFraction()).as("every ratio is past 1 + ε").isEqualTo(1.0);
            assertThat(stats.kl()).isPositive();
            assertThat(stats.approxKl()).isPositive();
        }
    }

    @Test
    void betaPolicyMovesItsMeanTowardAnAdvantagedAction() {
        ModelSpec spec = Fixtures.beta(4, 2, List.of(16), 5);     // actions in [-1, 1] × [0, 1]
        try (TfBackend b = Fixtures.backend(spec)) {
            int m = 8;
            float[] obs = new float[m * 4];
            for (int i = 0; i < m; i++) {
                System.arraycopy(new float[] {0.3f, -0.2f, 0.5f, 1.0f}, 0, obs, i * 4, 4);
            }
            float[] dist = new float[m * 4];
            float[] values = new float[m];
            b.forward(obs, m, dist, values);
            BetaDistribution beta = BetaDistribution.on((Box) spec.actionSpace());
            double before = beta.meanAction(0, dist[0], dist[2]);
            assertThat(before).as("the initial policy's mean is near the middle").isCloseTo(0, within(0.05));
            float[] actions = new float[m * 2];
            float[] logp = new float[m];
            for (int i = 0; i < m; i++) {
                actions[2 * i] = 0.8f;        // the advantaged action: steer right, half gas
                actions[2 * i + 1] = 0.5f;
                logp[i] = (float) Scalars.logProb(beta, dist, i * 4, actions, 2 * i);
            }
            float[] adv = new float[m];
            Arrays.fill(adv, 1f);
            Minibatch batch = new Minibatch(m, obs, actions, logp, dist.clone(), adv, values.clone(), values.clone());
            TrainStats first = b.train(batch, Fixtures.inputs(1e-2));
            assertThat(first.kl()).isCloseTo(0, within(1e-5));
            assertThat(first.approxKl()).isCloseTo(0, within(1e-5));
            for (int step = 0; step < 20; step++) {
                b.train(batch, Fixtures.inputs(1e-2));
            }
            b.forward(obs, m, dist, values);
            assertThat(beta.meanAction(0, dist[0], dist[2])).isGreaterThan(before + 0.1);
            assertThat(Scalars.logProb(beta, dist, 0, actions, 0)).isGreaterThan(logp[0]);
        }
    }

    @Test
    void learningRatesAreFedPerStepAndPerNetwork() {
        ModelSpec spec = Fixtures.gaussian(3, 2, List.of(8), 6);
        try (TfBackend b = Fixtures.backend(spec)) {
            Random rng = new Random(7);
            int m = 16;
            Minibatch batch = Fixtures.onPolicyBatch(b, spec, Fixtures.gaussian(rng, m * 3), m,
                    Fixtures.gaussian(rng, m), Fixtures.gaussian(rng, m), rng);
            Map<String, VariableState> before = Fixtures.byName(b.exportVariables());
            for (int i = 0; i < 3; i++) {
                b.train(batch, Fixtures.inputs(0));
            }
            Map<String, VariableState> afterZero = Fixtures.byName(b.exportVariables());
            for (String name : trainedNames(before)) {
                assertThat(afterZero.get(name).values()).as(name + " with lr 0").containsExactly(before.get(name).values());
            }
            assertThat(afterZero.get("adam/step").values()).containsExactly(3f);
            assertThat(afterZero.get("actor/head/w/adam_m").values()).as("moments still accumulate").isNotEqualTo(
                    before.get("actor/head/w/adam_m").values());

            b.train(batch, new TrainInputs(0, 1e-3, Map.of("clip_epsilon", 0.2), 0.2));
            Map<String, VariableState> afterCritic = Fixtures.byName(b.exportVariables());
            for (String name : trainedNames(before)) {
                boolean critic = name.startsWith("critic/");
                if (critic) {
                    assertThat(afterCritic.get(name).values()).as(name).isNotEqualTo(before.get(name).values());
                } else {
                    assertThat(afterCritic.get(name).values()).as(name).containsExactly(before.get(name).values());
                }
            }
            b.train(batch, new TrainInputs(1e-3, 0, Map.of("clip_epsilon", 0.2), 0.2));
            Map<String, VariableState> afterActor = Fixtures.byName(b.exportVariables());
            assertThat(afterActor.get("actor/log_std").values()).isNotEqualTo(before.get("actor/log_std").values());
            assertThat(afterActor.get("critic/head/w").values()).containsExactly(afterCritic.get("critic/head/w").values());
        }
    }

    /**
     * One step from fresh optimizer state is exactly TensorFlow's Adam on the clipped gradient g:
     * m = (1−β1)g, v = (1−β2)g², Δθ = −lr·√(1−β2)/(1−β1)·m/(√v + ε); and g, read back from m, has
     * global norm maxGradNorm while the reported (pre-clip) norm is larger.
     */
    @Test
    void firstStepIsAdamOnTheClippedGradient() {
        ModelSpec spec = Fixtures.gaussian(3, 2, List.of(8), 6);   // maxGradNorm 0.5, ε 1e-5
        try (TfBackend b = Fixtures.backend(spec)) {
            Random rng = new Random(8);
            int m = 16;
            float[] adv = Fixtures.gaussian(rng, m);
            for (int i = 0; i < m; i++) {
                adv[i] *= 10;
            }
            Minibatch batch = Fixtures.onPolicyBatch(b, spec, Fixtures.gaussian(rng, m * 3), m, adv,
                    Fixtures.gaussian(rng, m), rng);
            Map<String, VariableState> before = Fixtures.byName(b.exportVariables());
            double lr = 1e-3;
            TrainStats stats = b.train(batch, Fixtures.inputs(lr));
            Map<String, VariableState> after = Fixtures.byName(b.exportVariables());
            assertThat(stats.gradNorm()).isGreaterThan(0.5);
            double clippedSquares = 0;
            for (String name : trainedNames(before)) {
                float[] m1 = after.get(name + "/adam_m").values();
                float[] v1 = after.get(name + "/adam_v").values();
                for (int j = 0; j < m1.length; j++) {
                    double g = m1[j] / 0.1;
                    clippedSquares += g * g;
                    assertThat((double) v1[j]).isCloseTo(0.001 * g * g, within(1e-12 + 1e-4 * 0.001 * g * g));
                    // PyTorch's Adam (as CleanRL and SB3): θ −= lr/(1−β1)·m/(√v/√(1−β2) + ε)
                    double step = -lr / 0.1 * m1[j] / (Math.sqrt(v1[j]) / Math.sqrt(0.001) + 1e-5);
                    double delta = after.get(name).values()[j] - (double) before.get(name).values()[j];
                    assertThat(delta).as("%s[%d]", name, j).isCloseTo(step, within(2e-7 + 1e-3 * Math.abs(step)));
                }
            }
            assertThat(Math.sqrt(clippedSquares)).isCloseTo(0.5, within(1e-4));
            assertThat(after.get("adam/step").values()).containsExactly(1f);
        }
    }

    @Test
    void exportImportReproducesForwardAndTheNextTrainStep() {
        for (ModelSpec spec : List.of(Fixtures.discrete(4, 2, List.of(8, 8), 1), Fixtures.gaussian(4, 2, List.of(8), 1))) {
            ModelSpec otherSeed = Fixtures.spec(spec.observationSize(), spec.actionSpace(), spec.network(),
                    spec.objective(), spec.valueClip(), spec.maxGradNorm(), 99);
            try (TfBackend a = Fixtures.backend(spec); TfBackend b = Fixtures.backend(otherSeed)) {
                Random rng = new Random(3);
                int m = 16;
                Minibatch batch = Fixtures.onPolicyBatch(a, spec, Fixtures.gaussian(rng, m * 4), m,
                        Fixtures.gaussian(rng, m), Fixtures.gaussian(rng, m), rng);
                for (int i = 0; i < 3; i++) {
                    a.train(batch, Fixtures.inputs(1e-2));
                }
                b.importVariables(a.exportVariables());
                Fixtures.assertSameState(a.exportVariables(), b.exportVariables());

                Fixtures.assertSameModel(a, b, batch);
            }
        }
    }

    @Test
    void mismatchedImportNamesTheVariableAndChangesNothing() {
        try (TfBackend b = Fixtures.backend(Fixtures.discrete(4, 2, List.of(8), 1));
             TfBackend donor = Fixtures.backend(Fixtures.discrete(4, 2, List.of(8), 2));
             TfBackend wider = Fixtures.backend(Fixtures.discrete(4, 2, List.of(9), 2))) {
            List<VariableState> before = b.exportVariables();
            List<VariableState> good = donor.exportVariables();

            // Valid values first, the bad one last: a partial import would already have changed weights.
            List<VariableState> badShape = new ArrayList<>(good);
            VariableState last = badShape.remove(badShape.size() - 1);
            badShape.add(0, last);
            int i = indexOf(badShape, "critic/head/w");
            badShape.add(badShape.remove(i));
            badShape.set(badShape.size() - 1, new VariableState("critic/head/w", new long[] {1, 8}, new float[8]));
            assertThatThrownBy(() -> b.importVariables(badShape)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("critic/head/w").hasMessageContaining("[8, 1]").hasMessageContaining("[1, 8]");

            assertThatThrownBy(() -> b.importVariables(wider.exportVariables()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor/l0/w")
                    .hasMessageContaining("expected shape [4, 8], found [4, 9]");

            List<VariableState> unknown = new ArrayList<>(good);
            unknown.add(new VariableState("actor/l7/w", new long[] {2}, new float[2]));
            assertThatThrownBy(() -> b.importVariables(unknown)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown variable 'actor/l7/w'");

            List<VariableState> missing = new ArrayList<>(good);
            missing.remove(indexOf(missing, "adam/step"));
            assertThatThrownBy(() -> b.importVariables(missing)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'adam/step'").hasMessageContaining("missing");

            Fixtures.assertSameState(before, b.exportVariables());
        }
    }

    @Test
    void aMissingObjectiveParameterFailsClearly() {
        ModelSpec spec = Fixtures.discrete(2, 2, List.of(4), 1);
        try (TfBackend b = Fixtures.backend(spec)) {
            Random rng = new Random(1);
            Minibatch batch = Fixtures.onPolicyBatch(b, spec, Fixtures.gaussian(rng, 8), 4, new float[4], new float[4], rng);
            assertThatThrownBy(() -> b.train(batch, new TrainInputs(1e-3, 1e-3, Map.of("beta", 1.0), 0.2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'clip_epsilon'")
                    .hasMessageContaining("[beta]");
            Minibatch wrong = new Minibatch(4, new float[8], new float[3], new float[4], new float[8], new float[4],
                    new float[4], new float[4]);
            assertThatThrownBy(() -> b.train(wrong, Fixtures.inputs(1e-3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actions needs 4 floats, got 3");
            float[] badActions = {0, 1, 2, 0};
            Minibatch outOfRange = new Minibatch(4, batch.observations(), badActions, batch.oldLogProbs(),
                    batch.oldDistribution(), batch.advantages(), batch.returns(), batch.oldValues());
            assertThatThrownBy(() -> b.train(outOfRange, Fixtures.inputs(1e-3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action 2.0 at row 2");
        }
    }

    /** Every statistic equals a plain-Java evaluation of the same minibatch (value clipping on). */
    @Test
    void trainStatsMatchPlainJava() {
        for (ModelSpec spec : List.of(
                Fixtures.spec(3, new Discrete(3), new NetworkSpec(List.of(6), List.of(6), Activation.TANH, false),
                        new Fixtures.ClipObjective(), 0.1, 0.5, 2),
                Fixtures.spec(3, Box.of(-1, 1, 2), new NetworkSpec(List.of(6), List.of(6), Activation.TANH, false),
                        new Fixtures.ClipObjective(), 0.1, 0.5, 2))) {
            try (TfBackend b = Fixtures.backend(spec)) {
                Random rng = new Random(9);
                int m = 12;
                int w = b.distributionWidth();
                float[] obs = Fixtures.gaussian(rng, m * 3);
                float[] dist = new float[m * w];
                float[] values = new float[m];
                b.forward(obs, m, dist, values);
                Minibatch base = Fixtures.onPolicyBatch(b, spec, obs, m, Fixtures.gaussian(rng, m),
                        Fixtures.gaussian(rng, m), rng);
                // A different old policy and old values, so ratios, KL and value clipping are non-trivial.
                float[] oldDist = dist.clone();
                for (int i = 0; i < oldDist.length; i++) {
                    oldDist[i] += 0.3f * (float) rng.nextGaussian();
                }
                float[] oldValues = values.clone();
                for (int i = 0; i < m; i++) {
                    oldValues[i] += 0.3f * (float) rng.nextGaussian();
                }
                double[] logp = new double[m];
                double[] oldLogp = new double[m];
                double[] kl = new double[m];
                float[] oldLogpF = new float[m];
                double entropy = 0;
                for (int i = 0; i < m; i++) {
                    float[] p = Fixtures.row(dist, i, w);
                    float[] o = Fixtures.row(oldDist, i, w);
                    if (spec.actionSpace() instanceof Discrete) {
                        int a = (int) base.actions()[i];
                        logp[i] = Reference.categoricalLogProb(p, a);
                        oldLogp[i] = Reference.categoricalLogProb(o, a);
                        kl[i] = Reference.categoricalKl(o, p);
                        entropy += Reference.categoricalEntropy(p) / m;
                    } else {
                        float[] a = Fixtures.row(base.actions(), i, w / 2);
                        logp[i] = Reference.gaussianLogProb(p, a);
                        oldLogp[i] = Reference.gaussianLogProb(o, a);
                        kl[i] = Reference.gaussianKl(o, p);
                        entropy += Reference.gaussianEntropy(p) / m;
                    }
                    oldLogpF[i] = (float) oldLogp[i];
                    oldLogp[i] = oldLogpF[i];
                }
                Minibatch batch = new Minibatch(m, obs, base.actions(), oldLogpF, oldDist, base.advantages(),
                        base.returns(), oldValues);

                double[] adv = toDouble(base.advantages());
                double surrogate = spec.objective().surrogate(new DoubleAlgebra(Map.of("clip_epsilon", 0.2)),
                        new PolicyTerms<>(logp, oldLogp, adv, kl))[0];
                double valueLoss = 0;
                double approxKl = 0;
                double clipFraction = 0;
                double meanKl = 0;
                for (int i = 0; i < m; i++) {
                    double v = values[i];
                    double r = base.returns()[i];
                    double vc = oldValues[i] + Math.max(-0.1, Math.min(0.1, v - oldValues[i]));
                    valueLoss += 0.5 * Math.max((v - r) * (v - r), (vc - r) * (vc - r)) / m;
                    double lr = logp[i] - oldLogp[i];
                    approxKl += (Math.exp(lr) - 1 - lr) / m;
                    clipFraction += Math.abs(Math.exp(lr) - 1) > 0.2 ? 1.0 / m : 0;
                    meanKl += kl[i] / m;
                }
                double loss = -(surrogate - 0.5 * valueLoss + 0.01 * entropy);

                TrainStats s = b.train(batch, Fixtures.inputs(0));
                String what = spec.actionSpace().toString();
                assertThat(s.policyObjective()).as(what).isCloseTo(surrogate, within(rel(surrogate)));
                assertThat(s.valueLoss()).as(what).isCloseTo(valueLoss, within(rel(valueLoss)));
                assertThat(s.entropy()).as(what).isCloseTo(entropy, within(rel(entropy)));
                assertThat(s.kl()).as(what).isCloseTo(meanKl, within(rel(meanKl)));
                assertThat(s.approxKl()).as(what).isCloseTo(approxKl, within(rel(approxKl)));
                assertThat(s.clipFraction()).as(what).isCloseTo(clipFraction, within(1e-6));
                assertThat(s.clipFraction()).as(what + ": the case exercises clipping").isBetween(0.01, 0.99);
                assertThat(s.loss()).as(what).isCloseTo(loss, within(rel(loss)));
            }
        }
    }

    /** The graph's gradient (its global norm) equals central finite differences of the loss. */
    @Test
    void gradientNormMatchesFiniteDifferencesOfTheLoss() {
        for (ModelSpec spec : List.of(
                Fixtures.spec(2, new Discrete(2), new NetworkSpec(List.of(3), List.of(3), Activation.TANH, false),
                        new Fixtures.KlPenaltyObjective(), 0, 0.5, 4),
                Fixtures.spec(2, Box.of(-1, 1, 1), new NetworkSpec(List.of(3), List.of(), Activation.TANH, true),
                        new Fixtures.KlPenaltyObjective(), 0, 0, 4),
                // the Beta's log Γ and ψ, written with elementary ops, must differentiate like the rest
                Fixtures.withBeta(Fixtures.spec(2, Fixtures.betaBox(2), new NetworkSpec(List.of(3), List.of(),
                        Activation.TANH, true), new Fixtures.KlPenaltyObjective(), 0, 0, 4)))) {
            try (TfBackend b = Fixtures.backend(spec)) {
                Random rng = new Random(5);
                int m = 6;
                int w = b.distributionWidth();
                Minibatch base = Fixtures.onPolicyBatch(b, spec, Fixtures.gaussian(rng, m * 2), m,
                        Fixtures.gaussian(rng, m), Fixtures.gaussian(rng, m), rng);
                float[] oldDist = base.oldDistribution().clone();
                for (int i = 0; i < oldDist.length; i++) {
                    oldDist[i] += 0.2f * (float) rng.nextGaussian();
                    if (spec.betaPolicy()) {
                        oldDist[i] = Math.max(1f, oldDist[i]); // a Beta's α and β are >= 1
                    }
                }
                Minibatch batch = new Minibatch(m, base.observations(), base.actions(), base.oldLogProbs(), oldDist,
                        base.advantages(), base.returns(), base.oldValues());
                List<VariableState> state = b.exportVariables();
                TrainStats at = b.train(batch, Fixtures.inputs(0));
                double eps = 1e-2;
                double sumSquares = 0;
                for (int k = 0; k < state.size(); k++) {
                    VariableState v = state.get(k);
                    if (v.name().contains("adam")) {
                        continue;
                    }
                    for (int j = 0; j < v.values().length; j++) {
                        double plus = lossWith(b, state, k, j, eps, batch);
                        double minus = lossWith(b, state, k, j, -eps, batch);
                        double g = (plus - minus) / (2 * eps);
                        sumSquares += g * g;
                    }
                }
                assertThat(at.gradNorm()).as(spec.actionSpace().toString())
                        .isCloseTo(Math.sqrt(sumSquares), within(0.02 * Math.sqrt(sumSquares)));
                assertThat(w).isPositive();
            }
        }
    }

    @Test
    void globalNormClippingScalesOnlyAboveTheThreshold() {
        try (var g = new org.tensorflow.Graph(); var s = new org.tensorflow.Session(g)) {
            var tf = org.tensorflow.op.Ops.create(g);
            List<org.tensorflow.Operand<org.tensorflow.types.TFloat32>> grads =
                    List.of(tf.constant(new float[] {3f}), tf.constant(new float[][] {{0f, 4f}}));
            var norm = TrainGraph.globalNorm(tf, grads);
            var clipped = TrainGraph.clipByGlobalNorm(tf, grads, norm, 1f);
            var kept = TrainGraph.clipByGlobalNorm(tf, grads, norm, 10f);
            float[][] out = PolicyHeadTest.run(s, List.of(), List.of(),
                    List.of(norm, clipped.get(0), clipped.get(1), kept.get(0), kept.get(1)));
            assertThat(out[0][0]).isEqualTo(5f);
            assertThat(out[1]).containsExactly(0.6f);
            assertThat(out[2][0]).isZero();
            assertThat(out[2][1]).isCloseTo(0.8f, within(1e-7f));
            assertThat(out[3]).containsExactly(3f);
            assertThat(out[4]).containsExactly(0f, 4f);
        }
    }

    @Test
    void forwardHandlesChangingBatchSizes() {
        ModelSpec spec = Fixtures.gaussian(3, 2, List.of(8), 1);
        try (TfBackend b = Fixtures.backend(spec)) {
            float[] obs = Fixtures.gaussian(new Random(1), 7 * 3);
            float[] all = new float[7 * 4];
            float[] allV = new float[7];
            b.forward(obs, 7, all, allV);
            // More sizes than the prepared-call cache keeps, and repeats.
            for (int n : new int[] {1, 2, 3, 4, 5, 6, 1, 7, 2}) {
                float[] dist = new float[n * 4 + 3];   // larger buffers are allowed
                float[] values = new float[n];
                b.forward(obs, n, dist, values);
                assertThat(Arrays.copyOf(dist, n * 4)).containsExactly(Arrays.copyOf(all, n * 4));
                assertThat(values).containsExactly(Arrays.copyOf(allV, n));
            }
            assertThatThrownBy(() -> b.forward(obs, 8, new float[32], new float[8]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observations");
        }
    }

    @Test
    void closeReleasesAndLaterCallsFail() {
        TfBackend b = Fixtures.backend(Fixtures.discrete(2, 2, List.of(4), 1));
        b.forward(new float[2], 1, new float[2], new float[1]);
        assertThat(b.description()).startsWith("TensorFlow 2.").endsWith("(CPU)");
        b.close();
        b.close();
        assertThatThrownBy(() -> b.forward(new float[2], 1, new float[2], new float[1]))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Float32 tolerance: a few ulps relative to the value, at least 1e-5 absolute. */
    private static double rel(double x) {
        return 1e-5 * Math.max(1, Math.abs(x));
    }

    private static double lossWith(TfBackend b, List<VariableState> state, int k, int j, double delta, Minibatch batch) {
        List<VariableState> changed = new ArrayList<>(state);
        VariableState v = state.get(k);
        float[] values = v.values().clone();
        values[j] += (float) delta;
        changed.set(k, new VariableState(v.name(), v.shape(), values));
        b.importVariables(changed);
        return b.train(batch, Fixtures.inputs(0)).loss();
    }

    private static List<String> trainedNames(Map<String, VariableState> vars) {
        return vars.keySet().stream().filter(n -> !n.contains("adam")).toList();
    }

    private static int indexOf(List<VariableState> vars, String name) {
        for (int i = 0; i < vars.size(); i++) {
            if (vars.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static double rowNormSquared(VariableState w, int row) {
        int cols = (int) w.shape()[1];
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += w.values()[row * cols + j] * (double) w.values()[row * cols + j];
        }
        return s;
    }

    private static double columnNormSquared(VariableState w, int col) {
        int rows = (int) w.shape()[0];
        int cols = (int) w.shape()[1];
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s += w.values()[i * cols + col] * (double) w.values()[i * cols + col];
        }
        return s;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
