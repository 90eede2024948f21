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

    /** One vector's lanes, per thread (the critic may train on its own). */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[S.length()]);

    @Override
    public void forward(float[] x, float[] w, float[] b, float[] y, int rows, int in, int out) {
        if (out < S.length()) {
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
     * A layer narrower than a vector (a policy head of 2-4 outputs, the value head of 1): a vector
     * across its few outputs would be mostly empty, and one across the rows needs the inputs
     * transposed, which cost more than the sums. Instead eight rows at a time, each sum its own
     * scalar FMA chain in k order as {@link ScalarMath#dot} (the same bits), eight chains side by
     * side so the FMA units are not waiting on one chain's latency.
     */
    private static void narrowForward(float[] x, float[] w, float[] b, float[] y, int rows, int in, int out) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int x0 = r * in;
            for (int c = 0; c < out; c++) {
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
                for (int k = 0; k < in; k++) {
                    float wk = w[k * out + c];
                    int xk = x0 + k;
                    a0 = Math.fma(wk, x[xk], a0);
                    a1 = Math.fma(wk, x[xk + in], a1);
                    a2 = Math.fma(wk, x[xk + 2 * in], a2);
                    a3 = Math.fma(wk, x[xk + 3 * in], a3);
                    a4 = Math.fma(wk, x[xk + 4 * in], a4);
                    a5 = Math.fma(wk, x[xk + 5 * in], a5);
                    a6 = Math.fma(wk, x[xk + 6 * in], a6);
                    a7 = Math.fma(wk, x[xk + 7 * in], a7);
                }
                int o = r * out + c;
                y[o] = a0 + b[c];
                y[o + out] = a1 + b[c];
                y[o + 2 * out] = a2 + b[c];
                y[o + 3 * out] = a3 + b[c];
                y[o + 4 * out] = a4 + b[c];
                y[o + 5 * out] = a5 + b[c];
                y[o + 6 * out] = a6 + b[c];
                y[o + 7 * out] = a7 + b[c];
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
        float[] lane = LANES.get();
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
        // broadcast here, not in a helper: a vector returned by a call that is not inlined is boxed
        FloatVector a9 = FloatVector.broadcast(S, A9);
        FloatVector a7 = FloatVector.broadcast(S, A7);
        FloatVector a5 = FloatVector.broadcast(S, A5);
        FloatVector a3 = FloatVector.broadcast(S, A3);
        FloatVector a1 = FloatVector.broadcast(S, A1);
        FloatVector b2 = FloatVector.broadcast(S, B2);
        FloatVector b0 = FloatVector.broadcast(S, B0);
        for (; i < n - n % lanes; i += lanes) {
            FloatVector x = FloatVector.fromArray(S, v, i).max(-CLAMP).min(CLAMP);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(A13, A11).fma(x2, a9).fma(x2, a7).fma(x2, a5).fma(x2, a3).fma(x2, a1).mul(x);
            FloatVector q = x2.fma(B6, B4).fma(x2, b2).fma(x2, b0);
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
}
