package dev.ppo.backend.java;

import static dev.ppo.backend.java.ScalarMath.A1;
import static dev.ppo.backend.java.ScalarMath.A11;
import static dev.ppo.backend.java.ScalarMath.A13;
import static dev.ppo.backend.java.ScalarMath.A3;
import static dev.ppo.backend.java.ScalarMath.A5;
import static dev.ppo.backend.java.ScalarMath.A7;
import static dev.ppo.backend.java.ScalarMath.A9;
import static dev.ppo.backend.java.ScalarMath.B0;
import static dev.ppo.backend.java.ScalarMath.B2;
import static dev.ppo.backend.java.ScalarMath.B4;
import static dev.ppo.backend.java.ScalarMath.B6;

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
        int end = out - out % lanes;
        for (int r = 0; r < rows; r++) {
            int xr = r * in;
            for (int j = 0; j < end; j += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int k = 0; k < in; k++) {
                    acc = FloatVector.fromArray(S, w, k * out + j).fma(FloatVector.broadcast(S, x[xr + k]), acc);
                }
                acc.add(FloatVector.fromArray(S, b, j)).intoArray(y, r * out + j);
            }
            for (int j = end; j < out; j++) {
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
        int end = out - out % lanes;
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < end; j += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int r = 0; r < rows; r++) {
                    acc = FloatVector.fromArray(S, dy, r * out + j).fma(FloatVector.broadcast(S, x[r * in + k]), acc);
                }
                acc.add(FloatVector.fromArray(S, dw, k * out + j)).intoArray(dw, k * out + j);
            }
            for (int j = end; j < out; j++) {
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
        int end = in - in % lanes;
        for (int r = 0; r < rows; r++) {
            int dr = r * out;
            for (int k = 0; k < end; k += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int j = 0; j < out; j++) {
                    acc = FloatVector.fromArray(S, wT, j * in + k).fma(FloatVector.broadcast(S, dy[dr + j]), acc);
                }
                acc.intoArray(dx, r * in + k);
            }
            for (int k = end; k < in; k++) {
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
            FloatVector x = FloatVector.fromArray(S, v, i).max(-ScalarMath.TANH_CLAMP).min(ScalarMath.TANH_CLAMP);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(A13, A11).fma(x2, vector(A9)).fma(x2, vector(A7)).fma(x2, vector(A5))
                    .fma(x2, vector(A3)).fma(x2, vector(A1)).mul(x);
            FloatVector q = x2.fma(B6, B4).fma(x2, vector(B2)).fma(x2, vector(B0));
            p.div(q).intoArray(v, i);
        }
        for (; i < n; i++) {
            v[i] = ScalarMath.rationalTanh(v[i]);
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
