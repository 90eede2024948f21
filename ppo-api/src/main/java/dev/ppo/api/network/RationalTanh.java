package dev.ppo.api.network;

/**
 * tanh as Eigen's (and so TensorFlow's CPU kernel's) rational approximation: an odd degree-13 over
 * an even degree-6 polynomial on x clamped to ±{@link #CLAMP}, within 3e-7 of tanh. Only +, ×,
 * fused multiply-add, min, max and ÷ are used, which give the same bits in a SIMD kernel (the
 * coefficients below, in this order) and in {@link #apply}; {@code lanewise(TANH)} does not (SVML vs
 * StrictMath). Both backends' kernels compute tanh this way.
 */
public final class RationalTanh {

    public static final float CLAMP = 7.90531110763549805f;
    public static final float A1 = 4.89352455891786e-03f;
    public static final float A3 = 6.37261928875436e-04f;
    public static final float A5 = 1.48572235717979e-05f;
    public static final float A7 = 5.12229709037114e-08f;
    public static final float A9 = -8.60467152213735e-11f;
    public static final float A11 = 2.00018790482477e-13f;
    public static final float A13 = -2.76076847742355e-16f;
    public static final float B0 = 4.89352518554385e-03f;
    public static final float B2 = 2.26843463243900e-03f;
    public static final float B4 = 1.18534705686654e-04f;
    public static final float B6 = 1.19825839466702e-06f;

    private RationalTanh() {
    }

    /** The scalar form: p(x)/q(x) by Horner's rule with FMA, x clamped first. */
    public static float apply(float value) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, value));
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
}
