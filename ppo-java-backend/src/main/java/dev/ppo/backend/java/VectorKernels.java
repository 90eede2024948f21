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
 * {@link Kernels} with the Vector API: a block of outputs is accumulated in a register over the
 * reduction index, one FMA per lane group (the same order as the scalar loops, so the same bits);
 * ragged tails run the scalar code. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    static Kernels create() {
        return new VectorKernels();
    }

    @Override
    public void forward(float[] x, float[] w, float[] b, float[] y, int rows, int in, int out) {
        int lanes = S.length();
        int end4 = out - out % (4 * lanes);
        int end = out - out % lanes;
        for (int r = 0; r < rows; r++) {
            int xr = r * in;
            int j = 0;
            // four independent accumulators: an FMA chain is latency-bound, four fill the pipeline
            for (; j < end4; j += 4 * lanes) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                for (int k = 0; k < in; k++) {
                    FloatVector xk = FloatVector.broadcast(S, x[xr + k]);
                    int wr = k * out + j;
                    a0 = FloatVector.fromArray(S, w, wr).fma(xk, a0);
                    a1 = FloatVector.fromArray(S, w, wr + lanes).fma(xk, a1);
                    a2 = FloatVector.fromArray(S, w, wr + 2 * lanes).fma(xk, a2);
                    a3 = FloatVector.fromArray(S, w, wr + 3 * lanes).fma(xk, a3);
                }
                int yr = r * out + j;
                a0.add(FloatVector.fromArray(S, b, j)).intoArray(y, yr);
                a1.add(FloatVector.fromArray(S, b, j + lanes)).intoArray(y, yr + lanes);
                a2.add(FloatVector.fromArray(S, b, j + 2 * lanes)).intoArray(y, yr + 2 * lanes);
                a3.add(FloatVector.fromArray(S, b, j + 3 * lanes)).intoArray(y, yr + 3 * lanes);
            }
            for (; j < end; j += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int k = 0; k < in; k++) {
                    acc = FloatVector.fromArray(S, w, k * out + j).fma(FloatVector.broadcast(S, x[xr + k]), acc);
                }
                acc.add(FloatVector.fromArray(S, b, j)).intoArray(y, r * out + j);
            }
            for (; j < out; j++) {
                float s = 0;
                for (int k = 0; k < in; k++) {
                    s = Math.fma(w[k * out + j], x[xr + k], s);
                }
                y[r * out + j] = s + b[j];
            }
        }
    }

    @Override
    public void weightGrad(float[] x, float[] dy, float[] dw, float[] db, int rows, int in, int out) {
        int lanes = S.length();
        int end4 = out - out % (4 * lanes);
        int end = out - out % lanes;
        for (int k = 0; k < in; k++) {
            int j = 0;
            for (; j < end4; j += 4 * lanes) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                for (int r = 0; r < rows; r++) {
                    FloatVector xk = FloatVector.broadcast(S, x[r * in + k]);
                    int dr = r * out + j;
                    a0 = FloatVector.fromArray(S, dy, dr).fma(xk, a0);
                    a1 = FloatVector.fromArray(S, dy, dr + lanes).fma(xk, a1);
                    a2 = FloatVector.fromArray(S, dy, dr + 2 * lanes).fma(xk, a2);
                    a3 = FloatVector.fromArray(S, dy, dr + 3 * lanes).fma(xk, a3);
                }
                int wr = k * out + j;
                a0.add(FloatVector.fromArray(S, dw, wr)).intoArray(dw, wr);
                a1.add(FloatVector.fromArray(S, dw, wr + lanes)).intoArray(dw, wr + lanes);
                a2.add(FloatVector.fromArray(S, dw, wr + 2 * lanes)).intoArray(dw, wr + 2 * lanes);
                a3.add(FloatVector.fromArray(S, dw, wr + 3 * lanes)).intoArray(dw, wr + 3 * lanes);
            }
            for (; j < end; j += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int r = 0; r < rows; r++) {
                    acc = FloatVector.fromArray(S, dy, r * out + j).fma(FloatVector.broadcast(S, x[r * in + k]), acc);
                }
                acc.add(FloatVector.fromArray(S, dw, k * out + j)).intoArray(dw, k * out + j);
            }
            for (; j < out; j++) {
                float s = 0;
                for (int r = 0; r < rows; r++) {
                    s = Math.fma(dy[r * out + j], x[r * in + k], s);
                }
                dw[k * out + j] += s;
            }
        }
        for (int j = 0; j < out; j++) {
            float s = 0;
            for (int r = 0; r < rows; r++) {
                s += dy[r * out + j];
            }
            db[j] += s;
        }
    }

    @Override
    public void inputGrad(float[] dy, float[] wT, float[] dx, int rows, int in, int out) {
        int lanes = S.length();
        int end4 = in - in % (4 * lanes);
        int end = in - in % lanes;
        for (int r = 0; r < rows; r++) {
            int dr = r * out;
            int k = 0;
            for (; k < end4; k += 4 * lanes) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                for (int j = 0; j < out; j++) {
                    FloatVector g = FloatVector.broadcast(S, dy[dr + j]);
                    int tr = j * in + k;
                    a0 = FloatVector.fromArray(S, wT, tr).fma(g, a0);
                    a1 = FloatVector.fromArray(S, wT, tr + lanes).fma(g, a1);
                    a2 = FloatVector.fromArray(S, wT, tr + 2 * lanes).fma(g, a2);
                    a3 = FloatVector.fromArray(S, wT, tr + 3 * lanes).fma(g, a3);
                }
                int xr = r * in + k;
                a0.intoArray(dx, xr);
                a1.intoArray(dx, xr + lanes);
                a2.intoArray(dx, xr + 2 * lanes);
                a3.intoArray(dx, xr + 3 * lanes);
            }
            for (; k < end; k += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int j = 0; j < out; j++) {
                    acc = FloatVector.fromArray(S, wT, j * in + k).fma(FloatVector.broadcast(S, dy[dr + j]), acc);
                }
                acc.intoArray(dx, r * in + k);
            }
            for (; k < in; k++) {
                float s = 0;
                for (int j = 0; j < out; j++) {
                    s = Math.fma(wT[j * in + k], dy[dr + j], s);
                }
                dx[r * in + k] = s;
            }
        }
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
