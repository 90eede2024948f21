package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Acting in plain Java from mirrored weights gives what the graph gives, before and after updates. */
class JavaForwardTest {

    private static final TfOptions GRAPH = TfOptions.cpu();
    private static final TfOptions JAVA = new TfOptions(false, 1, -1, false, true);

    @Test
    void mirrorMatchesTheGraphThroughTraining() {
        List<ModelSpec> specs = List.of(
                Fixtures.discrete(4, 3, List.of(16, 8), 5),
                Fixtures.gaussian(3, 2, List.of(8), 6),
                Fixtures.beta(3, 3, List.of(8), 11),
                Fixtures.spec(5, Box.of(-1, 1, 2), new NetworkSpec(List.of(8, 6), List.of(), Activation.RELU, true),
                        new Fixtures.ClipObjective(), 0, -0.5, 7),
                // An MLP with an input scale: the mirror must scale the observation like the graph.
                Fixtures.spec(4, new Discrete(2), new NetworkSpec(List.of(8), List.of(8), Activation.TANH, false,
                        List.of(), 0.25), new Fixtures.ClipObjective(), 0, 0.5, 8),
                // Conv networks: a shared trunk, and separate actor and critic stacks of two strided
                // layers over a one-channel [H, W] image (read as [H, W, 1]).
                Fixtures.spec(Fixtures.IMAGE, new Discrete(3), Fixtures.smallCnn(true),
                        new Fixtures.ClipObjective(), 0, 0.5, 9),
                Fixtures.spec(new int[] {13, 11}, Box.of(-1, 1, 2), new NetworkSpec(List.of(8), List.of(6),
                        Activation.TANH, false, List.of(new NetworkSpec.Conv(4, 3, 2), new NetworkSpec.Conv(3, 2, 1)),
                        1 / 255.0), new Fixtures.ClipObjective(), 0, -0.5, 10),
                Fixtures.withBeta(Fixtures.spec(Fixtures.IMAGE, Fixtures.betaBox(3), Fixtures.smallCnn(false),
                        new Fixtures.ClipObjective(), 0, 0.5, 12)));
        for (ModelSpec spec : specs) {
            boolean pixels = spec.network().convolutional();
            try (TfBackend graph = new TfBackend(spec, GRAPH); TfBackend java = new TfBackend(spec, JAVA)) {
                Random rng = new Random(3);
                int n = 6;
                for (int round = 0; round < 3; round++) {
                    float[] obs = pixels ? Fixtures.pixels(rng, n * spec.observationSize())
                            : Fixtures.gaussian(rng, n * spec.observationSize());
                    assertSameForward(graph, java, obs, n);
                    // one identical train step on both: the mirror must follow the new weights
                    int m = 8;
                    float[] batchObs = pixels ? Fixtures.pixels(rng, m * spec.observationSize())
                            : Fixtures.gaussian(rng, m * spec.observationSize());
                    float[] adv = Fixtures.gaussian(rng, m);
                    float[] ret = Fixtures.gaussian(rng, m);
                    var batch = Fixtures.onPolicyBatch(graph, spec, batchObs, m, adv, ret, rng);
                    graph.train(batch, Fixtures.inputs(0.01));
                    java.train(batch, Fixtures.inputs(0.01));
                }
            }
        }
    }

    private static void assertSameForward(TfBackend graph, TfBackend java, float[] obs, int n) {
        int w = graph.distributionWidth();
        float[] d1 = new float[n * w];
        float[] v1 = new float[n];
        float[] d2 = new float[n * w];
        float[] v2 = new float[n];
        graph.forward(obs, n, d1, v1);
        java.forward(obs, null, n, d2, v2, null);
        for (int i = 0; i < d1.length; i++) {
            assertThat(d2[i]).isCloseTo(d1[i], within(1e-5f));
        }
        for (int i = 0; i < n; i++) {
            assertThat(v2[i]).isCloseTo(v1[i], within(1e-5f));
        }
    }
}
