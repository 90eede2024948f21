package dev.ppo.tf;

/**
 * The inner loops of {@link JavaForward}: {@code out += x·w} for a row vector {@code x} and a
 * kernel {@code w} of shape {@code [inputs, outputs]}, row-major, and tanh in place.
 * {@link #best()} picks the SIMD implementation when the JVM was started with the (incubating)
 * Vector API module, as {@code bin/ppo} does, and the scalar loops otherwise.
 */
interface DenseKernel {

    void multiplyAdd(float[] x, float[] w, float[] out, int inputs, int outputs);

    /** {@code v[j] = tanh(v[j])} for {@code j < n}. */
    void tanh(float[] v, int n);

    /** The plain loops. */
    DenseKernel SCALAR = new DenseKernel() {
        @Override
        public void multiplyAdd(float[] x, float[] w, float[] out, int inputs, int outputs) {
            // rows of w outermost, so that the JIT can vectorize some of the inner loop
            for (int i = 0; i < inputs; i++) {
                float xi = x[i];
                int row = i * outputs;
                for (int j = 0; j < outputs; j++) {
                    out[j] += xi * w[row + j];
                }
            }
        }

        @Override
        public void tanh(float[] v, int n) {
            for (int j = 0; j < n; j++) {
                v[j] = scalarTanh(v[j]);
            }
        }
    };

    /**
     * tanh through the JIT-intrinsic {@code Math.exp}: several times faster than
     * {@code Math.tanh} (a native StrictMath call on JDK 17) and exact to float precision.
     */
    static float scalarTanh(float x) {
        if (x > 20f) {
            return 1f;
        }
        if (x < -20f) {
            return -1f;
        }
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
    }

    /** SIMD when {@code jdk.incubator.vector} is in the boot layer (2-3× faster on 64-wide layers), else scalar. */
    static DenseKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return VectorDenseKernel.create();
        }
        return SCALAR;
    }
}
