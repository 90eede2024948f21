package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.space.Box;
import org.junit.jupiter.api.Test;

class ClippedGaussianMeanTest {

    /** The closed form equals the average of many clipped samples, at the bounds and between them. */
    @Test
    void deterministicActionIsTheAverageOfClippedSamples() {
        Box box = Box.of(new float[] {-1f, 0f, 0f}, new float[] {1f, 1f, 1f});
        ClippedGaussianMean d = new ClippedGaussianMean(box);
        // steer inside the box, gas right at its lower bound, brake below it, each with its own std
        float[] params = {0.3f, 0f, -0.2f, (float) Math.log(0.5), (float) Math.log(0.1), (float) Math.log(0.3)};
        Rng rng = new Rng(11);
        float[] action = new float[3];
        double[] sum = new double[3];
        int n = 400_000;
        for (int k = 0; k < n; k++) {
            d.sample(params, 0, rng, false, action, 0);
            for (int j = 0; j < 3; j++) {
                sum[j] += Math.min(Math.max(action[j], box.low()[j]), box.high()[j]);
            }
        }
        float[] det = new float[3];
        d.sample(params, 0, rng, true, det, 0);
        for (int j = 0; j < 3; j++) {
            assertThat((double) det[j]).isCloseTo(sum[j] / n, within(2e-3));
        }
        // gas with its mean at the bound 0: the clipped mean is σ·φ(0) = 0.1 / √(2π), not clip(0) = 0
        assertThat((double) det[1]).isCloseTo(0.1 / Math.sqrt(2 * Math.PI), within(1e-6));
    }

    @Test
    void infiniteBoundsGiveTheMeanAndAZeroStdGivesTheClippedMean() {
        assertThat(ClippedGaussianMean.clippedMean(0.7, 2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
                .isCloseTo(0.7, within(1e-6));
        assertThat(ClippedGaussianMean.clippedMean(1.5, 0, -1, 1)).isEqualTo(1.0);
        // far inside the box the clip never acts: the Gaussian's mean
        assertThat(ClippedGaussianMean.clippedMean(0.1, 0.01, -1, 1)).isCloseTo(0.1, within(1e-9));
        // a mean far outside: the bound
        assertThat(ClippedGaussianMean.clippedMean(-5, 0.1, -1, 1)).isCloseTo(-1, within(1e-9));
        assertThat(ClippedGaussianMean.cdf(1.959964)).isCloseTo(0.975, within(1e-6));
    }
}
