package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Logs the cost of one act call (batch 4 and 64) and one train step (minibatch 128) for CartPole
 * sized 64-64 tanh networks. A measurement, not an assertion: timings depend on the machine.
 */
class CallTimingTest {

    @Test
    void logMicrosecondsPerCall() {
        ModelSpec spec = Fixtures.discrete(4, 2, List.of(64, 64), 1);
        try (TfBackend b = Fixtures.backend(spec)) {
            Random rng = new Random(1);
            StringBuilder report = new StringBuilder("[timing] " + b.description() + ", 64-64 tanh actor and critic:");
            List<Runnable> calls = new java.util.ArrayList<>();
            for (int n : new int[] {4, 64}) {
                float[] obs = Fixtures.gaussian(rng, n * 4);
                float[] dist = new float[n * 2];
                float[] values = new float[n];
                calls.add(() -> b.forward(obs, n, dist, values));
            }
            int m = 128;
            Minibatch batch = Fixtures.onPolicyBatch(b, spec, Fixtures.gaussian(rng, m * 4), m,
                    Fixtures.gaussian(rng, m), Fixtures.gaussian(rng, m), rng);
            TrainInputs in = Fixtures.inputs(1e-4);
            calls.add(() -> b.train(batch, in));
            // Warm up every call first: the JIT compiles the shared Java path once for all of them.
            calls.forEach(c -> time(1500, 1, c));
            double us = 0;
            for (int i = 0; i < 2; i++) {
                report.append(String.format(" forward(batch %d) %.1f µs;", i == 0 ? 4 : 64, time(2000, 5, calls.get(i))));
            }
            us = time(300, 5, calls.get(2));
            report.append(String.format(" train(minibatch %d) %.1f µs", m, us));
            System.out.println(report);
            assertThat(us).isPositive();
        }
    }

    /** Best of {@code rounds} averages over {@code calls} calls. */
    private static double time(int calls, int rounds, Runnable call) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / calls);
        }
        return best;
    }
}
