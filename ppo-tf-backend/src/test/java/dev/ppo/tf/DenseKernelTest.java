package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseKernelTest {

    /**
     * Every kernel, at every SIMD width a CPU might have (64 to 512 bits), gives the scalar loop's
     * bits exactly: a policy must act the same on every machine.
     */
    @Test
    void everyVectorWidthComputesTheScalarLoopsBits() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the JVM was started without --add-modules jdk.incubator.vector");
        assertThat(DenseKernel.best()).isInstanceOf(VectorDenseKernel.class);
        List<DenseKernel> kernels = List.of(DenseKernel.best(), VectorDenseKernel.create(64),
                VectorDenseKernel.create(128), VectorDenseKernel.create(256), VectorDenseKernel.create(512));
        Random rng = new Random(7);
        // widths around and beyond the SIMD lane counts exercise the scalar tail too
        for (int[] shape : new int[][] {{4, 64}, {64, 64}, {64, 1}, {3, 21}, {17, 35}, {5, 3}}) {
            int in = shape[0];
            int out = shape[1];
            float[] x = Fixtures.gaussian(rng, in + 2);
            float[] w = Fixtures.gaussian(rng, in * out + 3);
            float[] expected = new float[out + 1];
            Arrays.fill(expected, 0.5f);
            // offsets: a conv layer reads a window of its input and writes one position's outputs
            DenseKernel.SCALAR.multiplyAdd(x, 2, w, 3, expected, 1, in, out);
            double[] exact = new double[out];
            for (int j = 0; j < out; j++) {
                exact[j] = 0.5;
                for (int i = 0; i < in; i++) {
                    exact[j] += (double) x[2 + i] * w[3 + i * out + j];
                }
                assertThat(expected[1 + j]).isCloseTo((float) exact[j], within(1e-4f));
            }
            assertThat(expected[0]).isEqualTo(0.5f);
            float[] scalarTanh = expected.clone();
            DenseKernel.SCALAR.tanh(scalarTanh, out + 1);
            for (int j = 0; j <= out; j++) {
                assertThat(scalarTanh[j]).isCloseTo((float) Math.tanh(expected[j]), within(1e-6f));
            }
            for (DenseKernel kernel : kernels) {
                float[] actual = new float[out + 1];
                Arrays.fill(actual, 0.5f);
                kernel.multiplyAdd(x, 2, w, 3, actual, 1, in, out);
                assertThat(actual).as("multiplyAdd %s, %d×%d", kernel, in, out).containsExactly(expected);
                float[] tanh = expected.clone();
                kernel.tanh(tanh, out + 1);
                assertThat(tanh).as("tanh %s, %d", kernel, out + 1).containsExactly(scalarTanh);
            }
        }
    }
}
