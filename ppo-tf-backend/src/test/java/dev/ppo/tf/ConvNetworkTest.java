package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Convolutional networks ({@link Fixtures#smallCnn}: 12×12×3 pixels, conv 4×3×3 stride 2, dense 16)
 * with both policy heads, shared trunk and separate networks.
 */
class ConvNetworkTest {

    private static final int OBS = 12 * 12 * 3;
    private static final int[] STRIDES = {2};

    /** Categorical on a shared trunk, Gaussian on separate networks: every conv code path once. */
    private static List<ModelSpec> specs() {
        return List.of(spec(new Discrete(3), true, 1), spec(Box.of(-1, 1, 2), false, 2));
    }

    private static ModelSpec spec(Space actions, boolean shared, long seed) {
        return Fixtures.spec(Fixtures.IMAGE, actions, Fixtures.smallCnn(shared), new Fixtures.ClipObjective(), 0, 0.5,
                seed);
    }

    @Test
    void forwardMatchesPlainJavaEvaluationOfExportedWeights() {
        for (ModelSpec spec : specs()) {
            try (TfBackend b = Fixtures.backend(spec)) {
                int n = 3;
                int w = b.distributionWidth();
                assertThat(w).isEqualTo(spec.actionSpace() instanceof Discrete ? 3 : 4);
                float[] obs = Fixtures.pixels(new Random(1), n * OBS);
                float[] dist = new float[n * w];
                float[] values = new float[n];
                b.forward(obs, n, dist, values);
                Map<String, VariableState> vars = Fixtures.byName(b.exportVariables());
                NetworkSpec net = spec.network();
                for (int i = 0; i < n; i++) {
                    double[] x = scaled(Fixtures.row(obs, i, OBS), net.inputScale());
                    double[] policy;
                    double[] value;
                    if (net.shared()) {
                        double[] h = Reference.mlp(vars, "trunk",
                                Reference.convStack(vars, "trunk", x, Fixtures.IMAGE, STRIDES, Activation.RELU),
                                Activation.RELU, false);
                        policy = Reference.dense(vars.get("actor/head/w"), vars.get("actor/head/b"), h);
                        value = Reference.dense(vars.get("critic/head/w"), vars.get("critic/head/b"), h);
                    } else {
                        policy = Reference.mlp(vars, "actor",
                                Reference.convStack(vars, "actor", x, Fixtures.IMAGE, STRIDES, Activation.RELU),
                                Activation.RELU, true);
                        value = Reference.mlp(vars, "critic",
                                Reference.convStack(vars, "critic", x, Fixtures.IMAGE, STRIDES, Activation.RELU),
                                Activation.RELU, true);
                    }
                    for (int k = 0; k < policy.length; k++) {
                        assertThat((double) dist[i * w + k]).isCloseTo(policy[k], within(1e-5));
                    }
                    assertThat((double) values[i]).isCloseTo(value[0], within(1e-4));
                    assertThat(Math.abs(value[0])).as("the value head sees non-trivial features").isGreaterThan(1e-3);
                }
            }
        }
    }

    @Test
    void variablesHaveStableNamesShapesAndOrthogonalKernels() {
        try (TfBackend b = Fixtures.backend(specs().get(0))) {
            Map<String, VariableState> vars = Fixtures.byName(b.exportVariables());
            assertThat(trainedNames(vars)).containsExactly("trunk/c0/w", "trunk/c0/b", "trunk/l0/w", "trunk/l0/b",
                    "actor/head/w", "actor/head/b", "critic/head/w", "critic/head/b");
            assertThat(vars.get("trunk/c0/w").shape()).containsExactly(3, 3, 3, 4);
            assertThat(vars.get("trunk/c0/b").shape()).containsExactly(4);
            // (12 − 3) / 2 + 1 = 5: the 5×5×4 map flattens to 100 inputs of the dense layer.
            assertThat(vars.get("trunk/l0/w").shape()).containsExactly(100, 16);
            assertThat(vars.get("trunk/c0/w/adam_m").shape()).containsExactly(3, 3, 3, 4);
            // Read as a [27, 4] matrix the kernel has orthogonal columns of squared norm 2 (gain √2).
            float[] k = vars.get("trunk/c0/w").values();
            for (int a = 0; a < 4; a++) {
                for (int c = 0; c < 4; c++) {
                    double dot = 0;
                    for (int r = 0; r < 27; r++) {
                        dot += k[r * 4 + a] * (double) k[r * 4 + c];
                    }
                    assertThat(dot).as("column %d · column %d", a, c).isCloseTo(a == c ? 2.0 : 0.0, within(1e-5));
                }
            }
            assertThat(vars.get("trunk/c0/b").values()).containsOnly(0f);
        }
        try (TfBackend b = Fixtures.backend(specs().get(1))) {
            assertThat(trainedNames(Fixtures.byName(b.exportVariables()))).containsExactly(
                    "actor/c0/w", "actor/c0/b", "actor/l0/w", "actor/l0/b", "actor/head/w", "actor/head/b",
                    "actor/log_std", "critic/c0/w", "critic/c0/b", "critic/l0/w", "critic/l0/b",
                    "critic/head/w", "critic/head/b");
        }
    }

    @Test
    void oneTrainStepReducesTheValueLossOnAFixedBatch() {
        for (ModelSpec spec : specs()) {
            try (TfBackend b = Fixtures.backend(spec)) {
                int m = 16;
                Random rng = new Random(4);
                float[] obs = Fixtures.pixels(rng, m * OBS);
                float[] ret = Fixtures.gaussian(rng, m);
                Minibatch batch = Fixtures.onPolicyBatch(b, spec, obs, m, new float[m], ret, rng);
                // Statistics are computed before the update: each call reports the loss the previous one left.
                double first = b.train(batch, Fixtures.inputs(1e-3)).valueLoss();
                double second = b.train(batch, Fixtures.inputs(1e-3)).valueLoss();
                assertThat(second).as(spec.network().toString()).isLessThan(first);
                TrainStats last = null;
                for (int step = 0; step < 100; step++) {
                    last = b.train(batch, Fixtures.inputs(3e-3));
                }
                assertThat(last.valueLoss()).as(spec.network().toString()).isLessThan(0.2 * first);
                assertThat(last.gradNorm()).isFinite();
            }
        }
    }

    @Test
    void exportImportReproducesForwardAndTheNextTrainStep() {
        for (ModelSpec spec : specs()) {
            ModelSpec otherSeed = Fixtures.spec(spec.observationShape(), spec.actionSpace(), spec.network(),
                    spec.objective(), spec.valueClip(), spec.maxGradNorm(), 99);
            try (TfBackend a = Fixtures.backend(spec); TfBackend b = Fixtures.backend(otherSeed)) {
                Random rng = new Random(3);
                int m = 8;
                Minibatch batch = Fixtures.onPolicyBatch(a, spec, Fixtures.pixels(rng, m * OBS), m,
                        Fixtures.gaussian(rng, m), Fixtures.gaussian(rng, m), rng);
                for (int i = 0; i < 2; i++) {
                    a.train(batch, Fixtures.inputs(1e-2));
                }
                b.importVariables(a.exportVariables());
                Fixtures.assertSameModel(a, b, batch);
            }
        }
    }

    @Test
    void javaForwardNeedsAnImageForAConvNetwork() {
        assertThatThrownBy(() -> new JavaForward(specs().get(1).network(), new int[] {OBS}, 4, PolicyHead.Kind.GAUSSIAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image observation")
                .hasMessageContaining("[432]");
    }

    @Test
    void aConvNetworkNeedsAnImageItsKernelsFit() {
        NetworkSpec cnn = Fixtures.smallCnn(true);
        assertThatThrownBy(() -> Fixtures.backend(Fixtures.spec(432, new Discrete(2), cnn,
                new Fixtures.ClipObjective(), 0, 0.5, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image observation").hasMessageContaining("[432]");
        assertThatThrownBy(() -> Fixtures.backend(Fixtures.spec(new int[] {2, 2, 3}, new Discrete(2), cnn,
                new Fixtures.ClipObjective(), 0, 0.5, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit").hasMessageContaining("2×2");
        // [H, W] is read as one channel.
        try (TfBackend b = Fixtures.backend(Fixtures.spec(new int[] {7, 9}, new Discrete(2), cnn,
                new Fixtures.ClipObjective(), 0, 0.5, 1))) {
            assertThat(Fixtures.byName(b.exportVariables()).get("trunk/c0/w").shape()).containsExactly(3, 3, 1, 4);
            assertThat(Fixtures.byName(b.exportVariables()).get("trunk/l0/w").shape()).containsExactly(3 * 4 * 4, 16);
        }
    }

    private static List<String> trainedNames(Map<String, VariableState> vars) {
        List<String> names = new ArrayList<>();
        vars.keySet().stream().filter(n -> !n.contains("adam")).forEach(names::add);
        return names;
    }

    private static double[] scaled(float[] f, double scale) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            // float32 like the graph: x · (float) scale
            d[i] = f[i] * (float) scale;
        }
        return d;
    }
}
