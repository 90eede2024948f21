package dev.ppo.backend.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SIMD kernels give the scalar kernels' bits, and both compute what the formulas say. */
class KernelsTest {

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void vectorAndScalarKernelsAgreeBitForBit() {
        Kernels simd = Kernels.best();
        assertThat(simd).isInstanceOf(VectorKernels.class); // surefire runs this module with the Vector API
        Random r = new Random(1);
        for (int[] shape : new int[][] {{64, 4, 64}, {7, 64, 64}, {64, 64, 2}, {3, 19, 33}, {256, 64, 1}, {70, 64, 4}, {64, 37, 3}}) {
            int rows = shape[0];
            int in = shape[1];
            int out = shape[2];
            float[] x = random(r, rows * in);
            float[] w = random(r, in * out);
            float[] b = random(r, out);
            float[] dy = random(r, rows * out);
            float[] wT = new float[in * out];
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < out; j++) {
                    wT[j * in + k] = w[k * out + j];
                }
            }
            float[] y1 = new float[rows * out];
            float[] y2 = new float[rows * out];
            simd.forward(x, w, b, y1, rows, in, out);
            Kernels.SCALAR.forward(x, w, b, y2, rows, in, out);
            assertThat(y1).containsExactly(y2);
            // y = x·W + b, checked in double on one element
            double expected = b[out - 1];
            for (int k = 0; k < in; k++) {
                expected += (double) x[(rows - 1) * in + k] * w[k * out + out - 1];
            }
            assertThat((double) y1[rows * out - 1]).isCloseTo(expected, within(1e-4));

            float[] dw1 = new float[in * out];
            float[] db1 = new float[out];
            float[] dw2 = new float[in * out];
            float[] db2 = new float[out];
            simd.weightGrad(x, dy, dw1, db1, rows, in, out);
            Kernels.SCALAR.weightGrad(x, dy, dw2, db2, rows, in, out);
            assertThat(dw1).containsExactly(dw2);
            assertThat(db1).containsExactly(db2);

            float[] dx1 = new float[rows * in];
            float[] dx2 = new float[rows * in];
            simd.inputGrad(dy, wT, dx1, rows, in, out);
            Kernels.SCALAR.inputGrad(dy, wT, dx2, rows, in, out);
            assertThat(dx1).containsExactly(dx2);
        }
        float[] t1 = random(r, 100);
        float[] t2 = t1.clone();
        float[] original = t1.clone();
        simd.tanh(t1, 100);
        Kernels.SCALAR.tanh(t2, 100);
        assertThat(t1).containsExactly(t2);
        for (int i = 0; i < 100; i++) {
            assertThat((double) t1[i]).isCloseTo(Math.tanh(original[i]), within(1e-6));
        }
        float[][] a = {random(r, 37), random(r, 37), random(r, 37), new float[37]};
        float[][] c = {a[0].clone(), a[1].clone(), a[2].clone(), new float[37]};
        for (int i = 0; i < 37; i++) {
            a[3][i] = Math.abs(a[2][i]);
            c[3][i] = a[3][i];
        }
        simd.adam(a[0], a[1], a[2], a[3], 0.7f, 0.9f, 0.999f, 1e-3f, 0.3f, 1e-5f);
        Kernels.SCALAR.adam(c[0], c[1], c[2], c[3], 0.7f, 0.9f, 0.999f, 1e-3f, 0.3f, 1e-5f);
        for (int k = 0; k < 4; k++) {
            assertThat(a[k]).containsExactly(c[k]);
        }
    }
}
