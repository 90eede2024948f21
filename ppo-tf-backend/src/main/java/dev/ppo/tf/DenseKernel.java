package dev.ppo.tf;

import dev.ppo.api.network.RationalTanh;

/**
 * The inner loops of {@link JavaForward}: {@code out += x·w} for a row vector {@code x} and a
 * kernel {@code w} of shape {@code [inputs, outputs]}, row-major, and tanh in place.
 * {@link #best()} picks the SIMD implementation when the JVM was started with the (incubating)
 * Vector API module, as {@code bin/ppo} does, and the scalar loops otherwise.
 *
 * <p>Every implementation gives the same bits on every machine: each output accumulates
 * {@code fma(x[i], w[i][j], out[j])} in input order (Java's fused multiply-add is correctly rounded
 * by specification, in a SIMD lane as in {@link Math#fma}), and tanh is {@link RationalTanh}. So
 * a policy acts identically whatever the CPU's SIMD width, which is what makes a deterministic
 * {@code eval} reproduce its recorded returns on another machine (TensorFlow's CPU kernels choose
 * their code path by instruction set, and CarRacing's physics turns a last-bit difference into
 * another lap).
 */
interface DenseKernel {

    /** {@code out[outOffset + j] += Σ_i x[xOffset + i] · w[wOffset + i·outputs + j]}, i in order. */
    void multiplyAdd(float[] x, int xOffset, float[] w, int wOffset, float[] out, int outOffset,
                     int inputs, int outputs);

    /** {@link #multiplyAdd(float[], int, float[], int, float[], int, int, int)} from offset 0 of each array. */
    default void multiplyAdd(float[] x, float[] w, float[] out, int inputs, int outputs) {
        multiplyAdd(x, 0, w, 0, out, 0, inputs, outputs);
    }

    /** {@code v[j] = tanh(v[j])} for {@code j < n}. */
    void tanh(float[] v, int n);

    /** The plain loops. */
    DenseKernel SCALAR = new DenseKernel() {
        @Override
        public void multiplyAdd(float[] x, int xOffset, float[] w, int wOffset, float[] out, int outOffset,
                                int inputs, int outputs) {
            // rows of w outermost, so that the JIT can vectorize some of the inner loop
            for (int i = 0; i < inputs; i++) {
                float xi = x[xOffset + i];
                int row = wOffset + i * outputs;
                for (int j = 0; j < outputs; j++) {
                    out[outOffset + j] = Math.fma(xi, w[row + j], out[outOffset + j]);
                }
            }
        }

        @Override
        public void tanh(float[] v, int n) {
            for (int j = 0; j < n; j++) {
                v[j] = RationalTanh.apply(v[j]);
            }
        }
    };

    /** SIMD when {@code jdk.incubator.vector} is in the boot layer (2-3× faster on 64-wide layers), else scalar. */
    static DenseKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return VectorDenseKernel.create();
        }
        return SCALAR;
    }
}
