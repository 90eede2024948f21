package dev.ppo.tf;

import java.util.Random;

/**
 * Orthogonal weight initialization (Saxe et al. 2014), computed in plain Java so that the same
 * seed gives the same weights on every backend and device.
 *
 * <p>Like PyTorch's {@code nn.init.orthogonal_}: a Gaussian matrix is orthonormalized along its
 * shorter side (QR with the signs of R's diagonal made positive), so a {@code rows × cols} result
 * has orthonormal columns when {@code rows >= cols} and orthonormal rows otherwise, times
 * {@code gain}.
 */
final class OrthogonalInit {

    private OrthogonalInit() {
    }

    /**
     * A {@code rows × cols} semi-orthogonal matrix scaled by {@code gain}, row-major.
     *
     * @param rng source of the Gaussian draws (consumed deterministically)
     */
    static float[] matrix(int rows, int cols, double gain, Random rng) {
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        // q[j] is column j of a tall × narrow Gaussian matrix, orthonormalized in place.
        double[][] q = new double[narrow][tall];
        for (int j = 0; j < narrow; j++) {
            for (int i = 0; i < tall; i++) {
                q[j][i] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < narrow; j++) {
            // Modified Gram-Schmidt, run twice ("twice is enough") for orthogonality to round-off.
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = dot(q[k], q[j]);
                    for (int i = 0; i < tall; i++) {
                        q[j][i] -= dot * q[k][i];
                    }
                }
            }
            double norm = Math.sqrt(dot(q[j], q[j]));
            for (int i = 0; i < tall; i++) {
                q[j][i] /= norm;
            }
        }
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = rows >= cols ? q[c][r] : q[r][c];
                out[r * cols + c] = (float) (gain * v);
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
