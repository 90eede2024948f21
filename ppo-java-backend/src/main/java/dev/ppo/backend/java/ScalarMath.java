package dev.ppo.backend.java;

/**
 * The element-wise arithmetic both {@link Kernels} implementations share, in plain Java (so that
 * the scalar kernels never load the Vector API classes).
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

    /**
     * tanh as Eigen's (TensorFlow's CPU kernel's) rational approximation, within 3e-7: only +, ×,
     * FMA, min, max and ÷, which give the same bits in SIMD and scalar code (lanewise TANH does not).
     */
    static float rationalTanh(float value) {
        float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, value));
        float x2 = x * x;
        float p = Math.fma(x2, A13, A11);
        p = Math.fma(p, x2, A9);
        p = Math.fma(p, x2, A7);
        p = Math.fma(p, x2, A5);
        p = Math.fma(p, x2, A3);
        p = Math.fma(p, x2, A1) * x;
        float q = Math.fma(x2, B6, B4);
        q = Math.fma(q, x2, B2);
        q = Math.fma(q, x2, B0);
        return p / q;
    }

    static final float TANH_CLAMP = 7.90531110763549805f;
    static final float A1 = 4.89352455891786e-03f;
    static final float A3 = 6.37261928875436e-04f;
    static final float A5 = 1.48572235717979e-05f;
    static final float A7 = 5.12229709037114e-08f;
    static final float A9 = -8.60467152213735e-11f;
    static final float A11 = 2.00018790482477e-13f;
    static final float A13 = -2.76076847742355e-16f;
    static final float B0 = 4.89352518554385e-03f;
    static final float B2 = 2.26843463243900e-03f;
    static final float B4 = 1.18534705686654e-04f;
    static final float B6 = 1.19825839466702e-06f;
}
