package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.distribution.BetaDistribution;
import dev.ppo.api.distribution.BoxDistribution;
import dev.ppo.api.distribution.Scalars;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionDistributionTest {

    @Test
    void categoricalSamplesMatchSoftmaxAndReturnItsLogProb() {
        ActionDistribution d = ActionDistribution.forSpace(new Discrete(3), BoxDistribution.BETA);
        float[] logits = {0f, (float) Math.log(2), (float) Math.log(7)}; // probabilities 0.1, 0.2, 0.7
        Rng rng = new Rng(42);
        int[] counts = new int[3];
        float[] action = new float[1];
        for (int k = 0; k < 100_000; k++) {
            double logp = d.sample(logits, 0, rng, false, action, 0);
            int a = (int) action[0];
            counts[a]++;
            assertThat(logp).isCloseTo(Math.log(new double[] {0.1, 0.2, 0.7}[a]), within(1e-6));
        }
        assertThat(counts[0] / 1e5).isCloseTo(0.1, within(0.005));
        assertThat(counts[1] / 1e5).isCloseTo(0.2, within(0.005));
        assertThat(counts[2] / 1e5).isCloseTo(0.7, within(0.005));
        d.sample(logits, 0, rng, true, action, 0);
        assertThat(action[0]).isEqualTo(2f);
    }

    @Test
    void gaussianSamplesHaveTheRightMomentsAndLogProb() {
        ActionDistribution d = ActionDistribution.forSpace(Box.of(-1, 1, 1), BoxDistribution.GAUSSIAN);
        float[] params = {0.5f, (float) Math.log(2)}; // mean 0.5, std 2
        Rng rng = new Rng(7);
        float[] action = new float[1];
        double sum = 0;
        double sumSq = 0;
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            double logp = d.sample(params, 0, rng, false, action, 0);
            double z = (action[0] - 0.5) / 2;
            assertThat(logp).isCloseTo(-0.5 * z * z - Math.log(2) - 0.5 * Math.log(2 * Math.PI), within(1e-5));
            sum += action[0];
            sumSq += action[0] * action[0];
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(0.5, within(0.03));
        assertThat(Math.sqrt(sumSq / n - mean * mean)).isCloseTo(2, within(0.03));
        d.sample(params, 0, rng, true, action, 0);
        assertThat(action[0]).isEqualTo(0.5f); // the mode, not clipped to the space
    }

    @Test
    void betaSamplesHaveTheScaledMomentsStayInTheBoxAndReturnTheirLogProb() {
        Box box = Box.of(new float[] {-1, 0}, new float[] {1, 1});
        ActionDistribution d = ActionDistribution.forSpace(box, BoxDistribution.BETA);
        BetaDistribution definition = BetaDistribution.on(box);
        float[] params = {2f, 1f, 5f, 1f}; // dimension 0: Beta(2, 5) on [-1, 1]; dimension 1: uniform on [0, 1]
        Rng rng = new Rng(11);
        float[] action = new float[2];
        double[] sum = new double[2];
        double[] sumSq = new double[2];
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            double logp = d.sample(params, 0, rng, false, action, 0);
            assertThat(box.contains(action)).isTrue();
            var dist = definition.of(Scalars.INSTANCE, List.of(2.0, 1.0, 5.0, 1.0));
            assertThat(logp).isCloseTo(dist.logProb(List.of((double) action[0], (double) action[1])), within(1e-9));
            for (int j = 0; j < 2; j++) {
                sum[j] += action[j];
                sumSq[j] += action[j] * action[j];
            }
        }
        // Beta(2, 5): mean 2/7, variance 10/392; scaled by 2 and shifted by -1
        double mean0 = sum[0] / n;
        assertThat(mean0).isCloseTo(-1 + 2 * 2.0 / 7, within(0.005));
        assertThat(Math.sqrt(sumSq[0] / n - mean0 * mean0)).isCloseTo(2 * Math.sqrt(10.0 / 392), within(0.005));
        double mean1 = sum[1] / n;
        assertThat(mean1).isCloseTo(0.5, within(0.005));
        assertThat(Math.sqrt(sumSq[1] / n - mean1 * mean1)).isCloseTo(Math.sqrt(1.0 / 12), within(0.005));
        d.sample(params, 0, rng, true, action, 0);
        assertThat(action[0]).isCloseTo((float) (-1 + 2 * 2.0 / 7), within(1e-6f));
        assertThat(action[1]).isCloseTo(0.5f, within(1e-6f));
        // a very peaked Beta puts its samples a hair inside the bound, where log π is finite
        float[] peaked = {1f, 1e6f, 1e6f, 1f};
        for (int k = 0; k < 100; k++) {
            assertThat(d.sample(peaked, 0, rng, false, action, 0)).isFinite();
            assertThat(box.contains(action)).isTrue();
        }
    }

    @Test
    void rngStateRestoresTheSameStream() {
        Rng a = new Rng(3);
        a.nextDouble();
        long state = a.state();
        double next = a.nextGaussian();
        Rng b = new Rng(99);
        b.restore(state);
        assertThat(b.nextGaussian()).isEqualTo(next);
    }
}
