package dev.ppo.api;

import dev.ppo.api.network.OrthogonalInit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OrthogonalInitTest {

    @Test
    void tallMatrixHasOrthonormalColumnsTimesGain() {
        float[] w = OrthogonalInit.matrix(64, 4, Math.sqrt(2), new Random(1));
        assertGram(w, 64, 4, true, 2.0);
    }

    @Test
    void wideMatrixHasOrthonormalRowsTimesGain() {
        float[] w = OrthogonalInit.matrix(4, 64, 0.01, new Random(1));
        assertGram(w, 4, 64, false, 1e-4);
    }

    @Test
    void squareMatrixIsOrthogonal() {
        float[] w = OrthogonalInit.matrix(16, 16, 1.0, new Random(3));
        assertGram(w, 16, 16, true, 1.0);
        assertGram(w, 16, 16, false, 1.0);
    }

    @Test
    void sameSeedSameMatrixDifferentSeedDifferentMatrix() {
        assertThat(OrthogonalInit.matrix(8, 3, 1, new Random(5))).containsExactly(OrthogonalInit.matrix(8, 3, 1, new Random(5)));
        assertThat(OrthogonalInit.matrix(8, 3, 1, new Random(5))).isNotEqualTo(OrthogonalInit.matrix(8, 3, 1, new Random(6)));
    }

    /** W^T W (columns) or W W^T (rows) equals gain² · I. */
    private static void assertGram(float[] w, int rows, int cols, boolean columns, double gainSquared) {
        int k = columns ? cols : rows;
        int len = columns ? rows : cols;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int i = 0; i < len; i++) {
                    double x = columns ? w[i * cols + a] : w[a * cols + i];
                    double y = columns ? w[i * cols + b] : w[b * cols + i];
                    s += x * y;
                }
                assertThat(s).isCloseTo(a == b ? gainSquared : 0, within(1e-5 * Math.max(1, gainSquared)));
            }
        }
    }
}
