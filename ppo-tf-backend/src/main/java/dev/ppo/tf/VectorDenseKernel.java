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
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} with the Vector API: one fused multiply-add per SIMD lane group, the tail
 * in scalar code. Loaded only when the {@code jdk.incubator.vector} module is present (see
 * {@link DenseKernel#best()}); the same bits as {@link DenseKernel#SCALAR} for any lane count.
 */
final class VectorDenseKernel implements DenseKernel {

    /** A compile-time constant: the JIT turns Vector API calls into SIMD only for constant species. */
    private static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;

    private final VectorSpecies<Float> species;   // null: PREFERRED

    private VectorDenseKernel(VectorSpecies<Float> species) {
        this.species = species;
    }

    /** With this CPU's preferred vector width. */
    static DenseKernel create() {
        return new VectorDenseKernel(null);
    }

    /** With a given width (64 to 512 bits), much slower: tests use it to stand in for other CPUs. */
    static DenseKernel create(int vectorBits) {
        return new VectorDenseKernel(VectorSpecies.of(float.class, VectorShape.forBitSize(vectorBits)));
    }

    @Override
    public void multiplyAdd(float[] x, int xOffset, float[] w, int wOffset, float[] out, int outOffset,
                            int inputs, int outputs) {
        if (species == null) {
            multiplyAdd(PREFERRED, x, xOffset, w, wOffset, out, outOffset, inputs, outputs);
        } else {
            multiplyAdd(species, x, xOffset, w, wOffset, out, outOffset, inputs, outputs);
        }
    }

    private static void multiplyAdd(VectorSpecies<Float> species, float[] x, int xOffset, float[] w, int wOffset,
                                    float[] out, int outOffset, int inputs, int outputs) {
        int lanes = species.length();
        int vectorEnd = outputs - outputs % lanes;
        for (int i = 0; i < inputs; i++) {
            float xi = x[xOffset + i];
            FloatVector broadcast = FloatVector.broadcast(species, xi);
            int row = wOffset + i * outputs;
            int j = 0;
            for (; j < vectorEnd; j += lanes) {
                FloatVector acc = FloatVector.fromArray(species, out, outOffset + j);
                broadcast.fma(FloatVector.fromArray(species, w, row + j), acc).intoArray(out, outOffset + j);
            }
            // the tail fuses too, so an output's bits do not depend on the lane count
            for (; j < outputs; j++) {
                out[outOffset + j] = Math.fma(xi, w[row + j], out[outOffset + j]);
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
        if (species == null) {
            tanh(PREFERRED, v, n);
        } else {
            tanh(species, v, n);
        }
    }

    private static void tanh(VectorSpecies<Float> species, float[] v, int n) {
        int lanes = species.length();
        int j = 0;
        for (; j < n - n % lanes; j += lanes) {
            FloatVector x = FloatVector.fromArray(species, v, j).max(-CLAMP).min(CLAMP);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(A13, A11).fma(x2, vector(species, A9)).fma(x2, vector(species, A7)).fma(x2, vector(species, A5))
                    .fma(x2, vector(species, A3)).fma(x2, vector(species, A1)).mul(x);
            FloatVector q = x2.fma(B6, B4).fma(x2, vector(species, B2)).fma(x2, vector(species, B0));
            p.div(q).intoArray(v, j);
        }
        for (; j < n; j++) {
            v[j] = RationalTanh.apply(v[j]);
        }
    }

    private static FloatVector vector(VectorSpecies<Float> species, float c) {
        return FloatVector.broadcast(species, c);
    }
}
