package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.network.NetworkSpec.Conv;
import dev.ppo.api.space.Box;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Logs the cost of the Nature-CNN actor-critic on CarRacing-sized frames (96×96×3, Box(3) actions):
 * an act call for 8 envs and one train step on a 64-sample minibatch. Off by default (seconds of
 * CPU per run); run with {@code mvn -pl ppo-tf-backend test -Dtest=NatureCnnTimingTest -Dppo.timing=true}.
 */
@EnabledIfSystemProperty(named = "ppo.timing", matches = "true")
class NatureCnnTimingTest {

    private static final int[] FRAME = {96, 96, 3};
    private static final int OBS = 96 * 96 * 3;

    @Test
    void logMicrosecondsPerCall() {
        NetworkSpec nature = new NetworkSpec(List.of(512), List.of(512), Activation.RELU, true,
                List.of(new Conv(32, 8, 4), new Conv(64, 4, 2), new Conv(64, 3, 1)), 1 / 255.0);
        ModelSpec spec = Fixtures.spec(FRAME, Box.of(-1, 1, 3), nature, new Fixtures.ClipObjective(), 0, 0.5, 1);
        for (int threads : new int[] {1, 2}) {
            try (TfBackend b = new TfBackend(spec, new TfOptions(false, threads, -1, false, true))) {
                Random rng = new Random(1);
                int n = 8;
                float[] obs = Fixtures.pixels(rng, n * OBS);
                float[] dist = new float[n * b.distributionWidth()];
                float[] values = new float[n];
                int m = 64;
                Minibatch batch = Fixtures.onPolicyBatch(b, spec, Fixtures.pixels(rng, m * OBS), m,
                        Fixtures.gaussian(rng, m), Fixtures.gaussian(rng, m), rng);
                TrainInputs in = Fixtures.inputs(1e-5);
                double forward = time(20, 3, () -> b.forward(obs, n, dist, values));
                double train = time(5, 3, () -> b.train(batch, in));
                System.out.printf("[timing] %s, Nature CNN 96×96×3, intra_op_threads %d: forward(batch %d) %.0f µs;"
                        + " train(minibatch %d) %.0f µs%n", b.description(), threads, n, forward, m, train);
                assertThat(train).isPositive();
            }
        }
    }

    /** Best of {@code rounds} averages over {@code calls} calls, after one warm-up round. */
    private static double time(int calls, int rounds, Runnable call) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r <= rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            if (r > 0) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e3 / calls);
            }
        }
        return best;
    }
}
