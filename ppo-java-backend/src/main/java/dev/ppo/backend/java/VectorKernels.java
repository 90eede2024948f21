package dev.ppo.backend.java;

import static dev.ppo.api.network.RationalTanh.A1;
import static dev.ppo.api.network.RationalTanh.A11;
import static dev.ppo.api.network.RationalTanh.A13;
import static dev.ppo.api.network.RationalTanh.A3;
import static dev.ppo.api.network.RationalTanh.A5;
import static dev.ppo.api.network.RationalTanh.A7;
import static dev.ppo.api.network.RationalTanh.A9;
import static dev.ppo.api.network.RationalTanh.B0;
import static dev.ppo.api.network.RationalTanh.B2;
import static dev.ppo.api.network.RationalTanh.B4;
import static dev.ppo.api.network.RationalTanh.B6;
import static dev.ppo.api.network.RationalTanh.CLAMP;

import dev.ppo.api.network.RationalTanh;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} with the Vector API: every dense-layer sum is {@link #dots}, a block of
 * outputs accumulated in registers over the reduction index with one FMA per lane group, in the
 * order of {@link ScalarMath#dot} (so the same bits as the scalar kernels); ragged tails run that.
 * Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    static Kernels create() {
        return new VectorKernels();
    }

    /** Per-thread scratch (the critic may train on its own thread): [0] transposed inputs, [1] one vector's lanes. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {
            new float[0], new float[S.length()]});

    @Override
    public void forward(float[] x, float[] w, float[] b, float[] y, int rows, int in, int out) {
        if (out < S.length() && rows >= S.length()) {
            narrowForward(x, w, b, y, rows, in, out);
            return;
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            dots4(x, r * in, in, 1, w, 0, out, in, out, y, r * out, out, b, 0, 0);
        }
        for (; r < rows; r++) {
            dots(x, r * in, 1, w, 0, out, in, out, y, r * out, b, 0);
        }
    }

    @Override
    public void weightGrad(float[] x, float[] dy, float[] dw, float[] db, int rows, int in, int out) {
        if (out < S.length() && in >= S.length()) {
            narrowWeightGrad(x, dy, dw, rows, in, out);
            addColumnSums(dy, db, rows, out);
            return;
        }
        int k = 0;
        for (; k + 4 <= in; k += 4) {
            dots4(x, k, 1, in, dy, 0, out, rows, out, dw, k * out, out, dw, k * out, out);
        }
        for (; k < in; k++) {
            dots(x, k, in, dy, 0, out, rows, out, dw, k * out, dw, k * out);
        }
        addColumnSums(dy, db, rows, out);
    }

    @Override
    public void inputGrad(float[] dy, float[] wT, float[] dx, int rows, int in, int out) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            dots4(dy, r * out, out, 1, wT, 0, in, out, in, dx, r * in, in, null, 0, 0);
        }
        for (; r < rows; r++) {
            dots(dy, r * out, 1, wT, 0, in, out, in, dx, r * in, null, 0);
        }
    }

    /**
     * db[j] += Σ_r dy[r][j], lanes along j (a row of dy is contiguous), each lane adding in row
     * order as {@link ScalarMath#addColumnSums} does: the same bits.
     */
    private static void addColumnSums(float[] dy, float[] db, int rows, int out) {
        int lanes = S.length();
        int j = 0;
        for (; j + lanes <= out; j += lanes) {
            FloatVector sum = FloatVector.zero(S);
            for (int r = 0; r < rows; r++) {
                sum = sum.add(FloatVector.fromArray(S, dy, r * out + j));
            }
            FloatVector.fromArray(S, db, j).add(sum).intoArray(db, j);
        }
        for (; j < out; j++) {
            float sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += dy[r * out + j];
            }
            db[j] += sum;
        }
    }

    /**
     * A layer narrower than a vector (a policy head of 2-4 outputs, the value head of 1): lanes run
     * along the rows instead, over the inputs transposed once, each sum still one FMA chain in k
     * order as {@link ScalarMath#dot} (the same bits); the rows past the last full vector run that.
     */
    private static void narrowForward(float[] x, float[] w, float[] b, float[] y, int rows, int in, int out) {
        int lanes = S.length();
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < rows * in) {
            scratch[0] = new float[rows * in];
        }
        float[] xT = scratch[0];
        float[] lane = scratch[1];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < in; k++) {
                xT[k * rows + r] = x[r * in + k];
            }
        }
        int r = 0;
        for (; r + lanes <= rows; r += lanes) {
            for (int c = 0; c < out; c++) {
                FloatVector acc = FloatVector.zero(S);
                for (int k = 0; k < in; k++) {
                    acc = FloatVector.fromArray(S, xT, k * rows + r).fma(FloatVector.broadcast(S, w[k * out + c]), acc);
                }
                acc.intoArray(lane, 0);
                for (int i = 0; i < lanes; i++) {
                    y[(r + i) * out + c] = lane[i] + b[c];
                }
            }
        }
        for (; r < rows; r++) {
            for (int c = 0; c < out; c++) {
                y[r * out + c] = ScalarMath.dot(x, r * in, 1, w, c, out, in) + b[c];
            }
        }
    }

    /**
     * dW += xᵀ·dy for a layer narrower than a vector: lanes run along the inputs (x's rows are
     * contiguous there), each sum one FMA chain in row order as {@link ScalarMath#dot}.
     */
    private static void narrowWeightGrad(float[] x, float[] dy, float[] dw, int rows, int in, int out) {
        int lanes = S.length();
        float[] lane = SCRATCH.get()[1];
        for (int c = 0; c < out; c++) {
            int k = 0;
            for (; k + lanes <= in; k += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int t = 0; t < rows; t++) {
                    acc = FloatVector.fromArray(S, x, t * in + k).fma(FloatVector.broadcast(S, dy[t * out + c]), acc);
                }
                acc.intoArray(lane, 0);
                for (int i = 0; i < lanes; i++) {
                    dw[(k + i) * out + c] = lane[i] + dw[(k + i) * out + c];
                }
            }
            for (; k < in; k++) {
                dw[k * out + c] = ScalarMath.dot(x, k, in, dy, c, out, rows) + dw[k * out + c];
            }
        }
    }

    /**
     * For each column c &lt; width: dst[dOff + c] = Σ_t m[mOff + c + t·mStride] · s[sOff + t·sStride]
     * (+ addend[aOff + c] when given), each sum accumulated by FMA in t order as
     * {@link ScalarMath#dot} does. Four lane groups at a time: one FMA chain is latency-bound, four
     * independent accumulators fill the pipeline; then single groups, then the scalar tail.
     */
    private static void dots(float[] s, int sOff, int sStride, float[] m, int mOff, int mStride, int n, int width,
                             float[] dst, int dOff, float[] addend, int aOff) {
        dotsFrom(0, s, sOff, sStride, m, mOff, mStride, n, width, dst, dOff, addend, aOff);
    }

    /** {@link #dots} for the columns from {@code c0} on. */
    private static void dotsFrom(int c0, float[] s, int sOff, int sStride, float[] m, int mOff, int mStride, int n,
                                 int width, float[] dst, int dOff, float[] addend, int aOff) {
        int lanes = S.length();
        int c = c0;
        for (; c + 4 * lanes <= width; c += 4 * lanes) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int t = 0; t < n; t++) {
                FloatVector st = FloatVector.broadcast(S, s[sOff + t * sStride]);
                int mt = mOff + t * mStride + c;
                a0 = FloatVector.fromArray(S, m, mt).fma(st, a0);
                a1 = FloatVector.fromArray(S, m, mt + lanes).fma(st, a1);
                a2 = FloatVector.fromArray(S, m, mt + 2 * lanes).fma(st, a2);
                a3 = FloatVector.fromArray(S, m, mt + 3 * lanes).fma(st, a3);
            }
            store(a0, dst, dOff + c, addend, aOff + c);
            store(a1, dst, dOff + c + lanes, addend, aOff + c + lanes);
            store(a2, dst, dOff + c + 2 * lanes, addend, aOff + c + 2 * lanes);
            store(a3, dst, dOff + c + 3 * lanes, addend, aOff + c + 3 * lanes);
        }
        for (; c + lanes <= width; c += lanes) {
            FloatVector acc = FloatVector.zero(S);
            for (int t = 0; t < n; t++) {
                FloatVector st = FloatVector.broadcast(S, s[sOff + t * sStride]);
                acc = FloatVector.fromArray(S, m, mOff + t * mStride + c).fma(st, acc);
            }
            store(acc, dst, dOff + c, addend, aOff + c);
        }
        for (; c < width; c++) {
            float sum = ScalarMath.dot(s, sOff, sStride, m, mOff + c, mStride, n);
            dst[dOff + c] = addend == null ? sum : sum + addend[aOff + c];
        }
    }

    /**
     * {@link #dots} for four sources at once (source j at {@code sOff + j·sStep}, its result at
     * {@code dOff + j·dStep}, its addend at {@code aOff + j·aStep}): each matrix vector is loaded once
     * for four FMAs, eight accumulators in registers. (Sixteen made C2 box every vector: 1.9 MB
     * allocated per train step and three times the time; check with JMH's {@code -prof gc}.) Every
     * sum is still one FMA chain in t order, so the bits are those of {@link ScalarMath#dot}.
     */
    private static void dots4(float[] s, int sOff, int sStep, int sStride, float[] m, int mOff, int mStride, int n,
                              int width, float[] dst, int dOff, int dStep, float[] addend, int aOff, int aStep) {
        int lanes = S.length();
        int c = 0;
        for (; c + 2 * lanes <= width; c += 2 * lanes) {
            FloatVector a00 = FloatVector.zero(S);
            FloatVector a01 = a00;
            FloatVector a10 = a00;
            FloatVector a11 = a00;
            FloatVector a20 = a00;
            FloatVector a21 = a00;
            FloatVector a30 = a00;
            FloatVector a31 = a00;
            for (int t = 0; t < n; t++) {
                int mt = mOff + t * mStride + c;
                FloatVector m0 = FloatVector.fromArray(S, m, mt);
                FloatVector m1 = FloatVector.fromArray(S, m, mt + lanes);
                int st = sOff + t * sStride;
                FloatVector s0 = FloatVector.broadcast(S, s[st]);
                a00 = m0.fma(s0, a00);
                a01 = m1.fma(s0, a01);
                FloatVector s1 = FloatVector.broadcast(S, s[st + sStep]);
                a10 = m0.fma(s1, a10);
                a11 = m1.fma(s1, a11);
                FloatVector s2 = FloatVector.broadcast(S, s[st + 2 * sStep]);
                a20 = m0.fma(s2, a20);
                a21 = m1.fma(s2, a21);
                FloatVector s3 = FloatVector.broadcast(S, s[st + 3 * sStep]);
                a30 = m0.fma(s3, a30);
                a31 = m1.fma(s3, a31);
            }
            store(a00, dst, dOff + c, addend, aOff + c);
            store(a01, dst, dOff + c + lanes, addend, aOff + c + lanes);
            store(a10, dst, dOff + dStep + c, addend, aOff + aStep + c);
            store(a11, dst, dOff + dStep + c + lanes, addend, aOff + aStep + c + lanes);
            store(a20, dst, dOff + 2 * dStep + c, addend, aOff + 2 * aStep + c);
            store(a21, dst, dOff + 2 * dStep + c + lanes, addend, aOff + 2 * aStep + c + lanes);
            store(a30, dst, dOff + 3 * dStep + c, addend, aOff + 3 * aStep + c);
            store(a31, dst, dOff + 3 * dStep + c + lanes, addend, aOff + 3 * aStep + c + lanes);
        }
        if (c < width) {
            // the columns left (fewer than two vectors' worth): one source at a time
            for (int j = 0; j < 4; j++) {
                dotsFrom(c, s, sOff + j * sStep, sStride, m, mOff, mStride, n, width, dst, dOff + j * dStep, addend,
                        aOff + j * aStep);
            }
        }
    }

    private static void store(FloatVector sum, float[] dst, int offset, float[] addend, int addendOffset) {
        (addend == null ? sum : sum.add(FloatVector.fromArray(S, addend, addendOffset))).intoArray(dst, offset);
    }

    @Override
    public void tanh(float[] v, int n) {
        int lanes = S.length();
        int i = 0;
        for (; i < n - n % lanes; i += lanes) {
            FloatVector x = FloatVector.fromArray(S, v, i).max(-CLAMP).min(CLAMP);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(A13, A11).fma(x2, vector(A9)).fma(x2, vector(A7)).fma(x2, vector(A5))
                    .fma(x2, vector(A3)).fma(x2, vector(A1)).mul(x);
            FloatVector q = x2.fma(B6, B4).fma(x2, vector(B2)).fma(x2, vector(B0));
            p.div(q).intoArray(v, i);
        }
        for (; i < n; i++) {
            v[i] = RationalTanh.apply(v[i]);
        }
    }

    @Override
    public void adam(float[] value, float[] grad, float[] m, float[] v, float gradScale, float beta1, float beta2,
                     float stepSize, float sqrtCorrection2, float eps) {
        int lanes = S.length();
        int n = value.length;
        int i = 0;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (; i < n - n % lanes; i += lanes) {
            FloatVector g = FloatVector.fromArray(S, grad, i).mul(gradScale);
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(g.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(g.mul(g).mul(oneMinusBeta2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.sqrt().div(sqrtCorrection2).add(eps);
            FloatVector.fromArray(S, value, i).sub(mi.div(denom).mul(stepSize)).intoArray(value, i);
        }
        for (; i < n; i++) {
            ScalarMath.adamScalar(value, grad, m, v, i, gradScale, beta1, beta2, stepSize, sqrtCorrection2, eps);
        }
    }

    private static FloatVector vector(float c) {
        return FloatVector.broadcast(S, c);
    }
}
