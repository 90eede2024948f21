package dev.ppo.backend.java;

/**
 * The arithmetic both {@link Kernels} implementations share, in plain Java (so that the scalar
 * kernels never load the Vector API classes). tanh is {@link dev.ppo.api.network.RationalTanh}.
 */
final class ScalarMath {

    private ScalarMath() {
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
