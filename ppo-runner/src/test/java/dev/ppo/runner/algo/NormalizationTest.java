package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void runningStatisticsEqualThoseOfAllDataAtOnce() {
        Random rng = new Random(1);
        float[] all = new float[3 * 100];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) (rng.nextGaussian() * (1 + i % 3) + i % 3);
        }
        RunningMeanStd stats = new RunningMeanStd(3);
        for (int batch = 0; batch < 10; batch++) {
            float[] rows = new float[30];
            System.arraycopy(all, batch * 30, rows, 0, 30);
            stats.update(rows, 10);
        }
        for (int d = 0; d < 3; d++) {
            double mean = 0;
            for (int r = 0; r < 100; r++) {
                mean += all[r * 3 + d];
            }
            mean /= 100;
            double var = 0;
            for (int r = 0; r < 100; r++) {
                var += (all[r * 3 + d] - mean) * (all[r * 3 + d] - mean);
            }
            var /= 100;
            assertThat(stats.mean(d)).isCloseTo(mean, within(1e-4));
            assertThat(stats.var(d)).isCloseTo(var, within(1e-3));
        }
    }

    @Test
    void observationsAreStandardizedAndClipped() {
        Normalization n = new Normalization(1, true, false, 2.0, 10, 0.99);
        n.observe(new float[] {9, 11, 9, 11}, 4); // mean ~10, var ~1
        float[] z = n.normalize(new float[] {10, 11, 100}, 3);
        assertThat(z[0]).isCloseTo(0f, within(1e-3f));
        assertThat(z[1]).isCloseTo(1f, within(1e-3f));
        assertThat(z[2]).isEqualTo(2f); // clipped
        Normalization off = new Normalization(1, false, false, 2.0, 10, 0.99);
        float[] raw = {100};
        assertThat(off.normalize(raw, 1)).isSameAs(raw);
    }

    @Test
    void rewardsAreDividedByTheStdOfTheDiscountedReturnAndStateRoundTrips() {
        Normalization n = new Normalization(1, false, true, 10, 5.0, 0.5);
        double[] r = {1.0, 3.0};
        n.scaleRewards(r, new boolean[] {true, true}); // both episodes end: the running returns restart
        // returns 1 and 3: variance ~1 (the prior's weight is 1e-4), so rewards pass nearly unchanged
        assertThat(r[0]).isCloseTo(1.0, within(1e-3));
        assertThat(r[1]).isCloseTo(3.0, within(1e-3));
        Normalization tight = new Normalization(1, false, true, 10, 0.5, 0.5);
        double[] clipped = {1.0, -3.0};
        tight.scaleRewards(clipped, new boolean[] {true, true});
        assertThat(clipped).containsExactly(0.5, -0.5);
        Normalization copy = Normalization.restore(n.state());
        double[] a = {1.0, -3.0};
        double[] b = {1.0, -3.0};
        n.scaleRewards(a, new boolean[2]);
        copy.scaleRewards(b, new boolean[2]);
        assertThat(b).containsExactly(a);
    }
}
