package dev.ppo.tf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} with the Vector API: one fused multiply-add per SIMD lane group, the tail
 * in scalar code. Loaded only when the {@code jdk.incubator.vector} module is present (see
 * {@link DenseKernel#best()}); the arithmetic is float32 like the scalar loop, though FMA rounding
 * can differ from it in the last bit.
 */
final class VectorDenseKernel implements DenseKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorDenseKernel() {
    }

    static DenseKernel create() {
        return new VectorDenseKernel();
    }

    @Override
    public void multiplyAdd(float[] x, float[] w, float[] out, int inputs, int outputs) {
        int lanes = SPECIES.length();
        int vectorEnd = outputs - outputs % lanes;
        for (int i = 0; i < inputs; i++) {
            float xi = x[i];
            FloatVector broadcast = FloatVector.broadcast(SPECIES, xi);
            int row = i * outputs;
            int j = 0;
            for (; j < vectorEnd; j += lanes) {
                FloatVector acc = FloatVector.fromArray(SPECIES, out, j);
                broadcast.fma(FloatVector.fromArray(SPECIES, w, row + j), acc).intoArray(out, j);
            }
            for (; j < outputs; j++) {
                out[j] += xi * w[row + j];
            }
        }
    }

    @Override
    public void tanh(float[] v, int n) {
        int lanes = SPECIES.length();
        int j = 0;
        for (; j < n - n % lanes; j += lanes) {
            FloatVector.fromArray(SPECIES, v, j).lanewise(VectorOperators.TANH).intoArray(v, j);
        }
        for (; j < n; j++) {
            v[j] = DenseKernel.scalarTanh(v[j]);
        }
    }
}
