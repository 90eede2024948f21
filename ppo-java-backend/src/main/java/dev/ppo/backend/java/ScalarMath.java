package dev.ppo.backend.java;

/**
 * The arithmetic both {@link Kernels} implementations share, in plain Java (so that the scalar
 * kernels never load the Vector API classes). tanh is {@link dev.ppo.api.network.RationalTanh}.
 */
final class ScalarMath {

    private ScalarMath() {
    }

    /**
     * Σ_t m[mOff + t·mStride] · s[sOff + t·sStride], accumulated by FMA in t order: every sum of a
     * dense layer's forward and backward pass is one of these, read along a row or a column.
     */
    static float dot(float[] s, int sOff, int sStride, float[] m, int mOff, int mStride, int n) {
        float acc = 0;
        for (int t = 0; t < n; t++) {
            acc = Math.fma(m[mOff + t * mStride], s[sOff + t * sStride], acc);
        }
        return acc;
    }

    /** db[j] += Σ_rows dy[r][j], the bias gradient. */
    static void addColumnSums(float[] dy, float[] db, int rows, int out) {
        for (int j = 0; j < out; j++) {
            float sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += dy[r * out + j];
            }
            db[j] += sum;
        }
    }

    /** The scalar twin of {@link Kernels#adam}, the same operations in the same order (no FMA). */
    static void adamScalar(float[] value, float[] grad, float[] m, float[] v, int i, float gradScale, float beta1,
                           float beta2, float stepSize, float sqrtCorrection2, float eps) {
        float g = grad[i] * gradScale;
        float mi = m[i] * beta1 + g * (1 - beta1);
        float vi = v[i] * beta2 + g * g * (1 - beta2);
        m[i] = mi;
        v[i] = vi;
        float denom = (float) Math.sqrt(vi) / sqrtCorrection2 + eps;
        value[i] = value[i] - mi / denom * stepSize;
    }
}
