package dev.ppo.tf;

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

    /**
     * {@link RationalTanh} lane by lane: the same bits whether the JIT has compiled the Vector API
     * to SIMD yet or still runs its scalar fallback ({@code lanewise(TANH)} does not, which made runs
     * depend on JIT timing).
     */
    @Override
    public void tanh(float[] v, int n) {
        int lanes = SPECIES.length();
        int j = 0;
        for (; j < n - n % lanes; j += lanes) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, j).max(-CLAMP).min(CLAMP);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(A13, A11).fma(x2, vector(A9)).fma(x2, vector(A7)).fma(x2, vector(A5))
                    .fma(x2, vector(A3)).fma(x2, vector(A1)).mul(x);
            FloatVector q = x2.fma(B6, B4).fma(x2, vector(B2)).fma(x2, vector(B0));
            p.div(q).intoArray(v, j);
        }
        for (; j < n; j++) {
            v[j] = RationalTanh.apply(v[j]);
        }
    }

    private static FloatVector vector(float c) {
        return FloatVector.broadcast(SPECIES, c);
    }
}
