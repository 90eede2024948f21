package dev.ppo.backend.java;

/**
 * The dense-layer loops: each output element is accumulated in one fixed order with fused
 * multiply-adds, so the SIMD implementation ({@link VectorKernels}, when the JVM runs with
 * {@code jdk.incubator.vector}, as {@code bin/ppo} does) and the scalar one give the same bits.
 * Matrices are row-major: x {@code [rows, in]}, W {@code [in, out]}, its transpose {@code [out, in]}.
 */
interface Kernels {

    /** y = x·W + b. */
    void forward(float[] x, float[] w, float[] b, float[] y, int rows, int in, int out);

    /** dW += xᵀ·dy and db += Σ_rows dy. */
    void weightGrad(float[] x, float[] dy, float[] dw, float[] db, int rows, int in, int out);

    /** dx = dy·Wᵀ, from the transpose {@code wT [out, in]}. */
    void inputGrad(float[] dy, float[] wT, float[] dx, int rows, int in, int out);

    /** v = tanh(v) for the first n values. */
    void tanh(float[] v, int n);

    /**
     * One Adam step in PyTorch's float32 order: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²,
     * θ −= stepSize · m / (√v / √(1−β2^t) + ε), with g the gradient times {@code gradScale}.
     */
    void adam(float[] value, float[] grad, float[] m, float[] v, float gradScale, float beta1, float beta2,
              float stepSize, float sqrtCorrection2, float eps);

    /** The fastest available: SIMD with the Vector API module, else the scalar loops. */
    static Kernels best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return VectorKernels.create();
        }
        return SCALAR;
    }

    Kernels SCALAR = new Kernels() {
        @Override
        public void forward(float[] x, float[] w, float[] b, float[] y, int rows, int in, int out) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    y[r * out + j] = ScalarMath.dot(x, r * in, 1, w, j, out, in) + b[j];
                }
            }
        }

        @Override
        public void weightGrad(float[] x, float[] dy, float[] dw, float[] db, int rows, int in, int out) {
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < out; j++) {
                    dw[k * out + j] += ScalarMath.dot(x, k, in, dy, j, out, rows);
                }
            }
            ScalarMath.addColumnSums(dy, db, rows, out);
        }

        @Override
        public void inputGrad(float[] dy, float[] wT, float[] dx, int rows, int in, int out) {
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < in; k++) {
                    dx[r * in + k] = ScalarMath.dot(dy, r * out, 1, wT, k, in, out);
                }
            }
        }

        @Override
        public void tanh(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = dev.ppo.api.network.RationalTanh.apply(v[i]);
            }
        }

        @Override
        public void adam(float[] value, float[] grad, float[] m, float[] v, float gradScale, float beta1,
                         float beta2, float stepSize, float sqrtCorrection2, float eps) {
            for (int i = 0; i < value.length; i++) {
                ScalarMath.adamScalar(value, grad, m, v, i, gradScale, beta1, beta2, stepSize, sqrtCorrection2, eps);
            }
        }
    };
}
