package dev.ppo.tf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} with the Vector API: one fused multiply-add per SIMD lane group, the tail
 * in scalar code. Loaded only when the {@code jdk.incubator.vector} module is present (see
 * {@link DenseKernel#best()}); the arithmetic is float32 like the scalar loop, though FMA rounding
 * can differ from it in the last bit.
 */
final class VectorDenseKernel implements DenseKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorDenseKernel() {
    }

    static DenseKernel create() {
        return new VectorDenseKernel();
    }

    @Override
    public void multiplyAdd(float[] x, float[] w, float[] out, int inputs, int outputs) {
        int lanes = SPECIES.length();
        int vectorEnd = outputs - outputs % lanes;
        for (int i = 0; i < inputs; i++) {
            float xi = x[i];
            FloatVector broadcast = FloatVector.broadcast(SPECIES, xi);
            int row = i * outputs;
            int j = 0;
            for (; j < vectorEnd; j += lanes) {
                FloatVector acc = FloatVector.fromArray(SPECIES, out, j);
                broadcast.fma(FloatVector.fromArray(SPECIES, w, row + j), acc).intoArray(out, j);
            }
            for (; j < outputs; j++) {
                out[j] += xi * w[row + j];
            }
        }
    }

    /**
     * tanh as Eigen's (and so TensorFlow's CPU kernel's) rational approximation: odd degree-13 over
     * even degree-6 polynomials on x clamped to ±7.905, within 3e-7 of tanh. Only +, ×, fused
     * multiply-add, min, max and ÷ are used, which give the same bits whether the JIT has compiled
     * the Vector API to SIMD yet or still runs its scalar fallback; {@code lanewise(TANH)} does not
     * (SVML vs StrictMath), which made runs depend on JIT timing.
     */
    @Override
    public void tanh(float[] v, int n) {
        int lanes = SPECIES.length();
        int j = 0;
        for (; j < n - n % lanes; j += lanes) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, j).max(-TANH_CLAMP).min(TANH_CLAMP);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(A13, A11).fma(x2, vector(A9)).fma(x2, vector(A7)).fma(x2, vector(A5))
                    .fma(x2, vector(A3)).fma(x2, vector(A1)).mul(x);
            FloatVector q = x2.fma(B6, B4).fma(x2, vector(B2)).fma(x2, vector(B0));
            p.div(q).intoArray(v, j);
        }
        for (; j < n; j++) {
            v[j] = rationalTanh(v[j]);
        }
    }

    private static FloatVector vector(float c) {
        return FloatVector.broadcast(SPECIES, c);
    }

    /** The scalar twin of the SIMD loop above, for the tail. */
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

    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;
}
