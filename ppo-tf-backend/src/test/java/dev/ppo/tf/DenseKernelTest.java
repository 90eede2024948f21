package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseKernelTest {

    @Test
    void simdKernelComputesWhatTheScalarLoopComputes() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the JVM was started without --add-modules jdk.incubator.vector");
        DenseKernel simd = DenseKernel.best();
        assertThat(simd).isInstanceOf(VectorDenseKernel.class);
        Random rng = new Random(7);
        // widths around and beyond the SIMD lane count exercise the scalar tail too
        for (int[] shape : new int[][] {{4, 64}, {64, 64}, {64, 1}, {3, 21}, {17, 35}}) {
            int in = shape[0];
            int out = shape[1];
            float[] x = new float[in];
            float[] w = new float[in * out];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rng.nextGaussian();
            }
            float[] expected = new float[out];
            float[] actual = new float[out];
            java.util.Arrays.fill(expected, 0.5f);
            java.util.Arrays.fill(actual, 0.5f);
            DenseKernel.SCALAR.multiplyAdd(x, w, expected, in, out);
            simd.multiplyAdd(x, w, actual, in, out);
            for (int j = 0; j < out; j++) {
                assertThat(actual[j]).isCloseTo(expected[j], within(1e-4f));
            }
            float[] preActivation = expected.clone();
            float[] scalarTanh = expected.clone();
            float[] simdTanh = expected.clone();
            DenseKernel.SCALAR.tanh(scalarTanh, out);
            simd.tanh(simdTanh, out);
            for (int j = 0; j < out; j++) {
                assertThat(scalarTanh[j]).isCloseTo((float) Math.tanh(preActivation[j]), within(1e-6f));
                assertThat(simdTanh[j]).isCloseTo((float) Math.tanh(preActivation[j]), within(1e-6f));
                // the same bits as the scalar twin: runs must not depend on when the JIT compiles
                assertThat(simdTanh[j]).isEqualTo(dev.ppo.api.network.RationalTanh.apply(preActivation[j]));
            }
        }
    }
}
