package dev.ppo.api.network;

import java.util.Random;

/**
 * Orthogonal weight initialization (Saxe et al. 2014), computed in plain Java so that the same
 * seed gives the same weights on every backend and device. Every backend initializes the same way:
 * hidden (and conv) layers with gain √2, the policy head 0.01, the value head 1, zero biases, each
 * layer from its own stream {@link #layerSeed(long, String)}.
 *
 * <p>Like PyTorch's {@code nn.init.orthogonal_}: a Gaussian matrix is orthonormalized along its
 * shorter side (QR with the signs of R's diagonal made positive), so a {@code rows × cols} result
 * has orthonormal columns when {@code rows >= cols} and orthonormal rows otherwise, times
 * {@code gain}.
 */
public final class OrthogonalInit {

    /** Gain of hidden and conv layers: √2, as for ReLU/tanh in the PPO implementations. */
    public static final double HIDDEN_GAIN = Math.sqrt(2);
    /** Gain of the policy head: small, so the initial policy is near uniform / zero-mean. */
    public static final double POLICY_HEAD_GAIN = 0.01;
    /** Gain of the value head. */
    public static final double VALUE_HEAD_GAIN = 1.0;

    private OrthogonalInit() {
    }

    /** A per-layer seed (e.g. layer {@code actor/l0}), so adding a critic layer does not change the actor's initial weights. */
    public static long layerSeed(long seed, String layerName) {
        long h = seed ^ (0x9E3779B97F4A7C15L * (layerName.hashCode() + 1L));
        // SplitMix64 finalizer for well-spread bits.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /**
     * A {@code rows × cols} semi-orthogonal matrix scaled by {@code gain}, row-major.
     *
     * @param rng source of the Gaussian draws (consumed deterministically)
     */
    public static float[] matrix(int rows, int cols, double gain, Random rng) {
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
