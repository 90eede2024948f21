package dev.ppo.api.distribution;

import dev.ppo.api.loss.LossAlgebra;

/**
 * log Γ(x) and the digamma function ψ(x) = d/dx log Γ(x), written with the loss algebra's
 * elementary operations, so that every algebra (plain Java, the TensorFlow graph, the java
 * backend's tape) evaluates them, and differentiates them, without a special-function op.
 *
 * <p>For x ≥ 1 (all a Beta policy needs: its α, β ≥ 1): the recurrences Γ(x+1) = xΓ(x) and
 * ψ(x+1) = ψ(x) + 1/x move the argument to y = x + 6 ≥ 7, where the asymptotic (Stirling) series
 * below are accurate to about 1e-10.
 */
public final class GammaFunctions {

    private static final int SHIFT = 6;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private GammaFunctions() {
    }

    /** log Γ(x) for x ≥ 1. */
    public static <T> T lnGamma(LossAlgebra<T> alg, T x) {
        T y = alg.add(x, alg.constant(SHIFT));
        T logY = alg.log(y);
        T r = reciprocal(alg, logY);
        T r2 = alg.square(r);
        // (y − ½) log y − y + ½ log 2π + 1/(12y) − 1/(360y³) + 1/(1260y⁵) − 1/(1680y⁷)
        T series = alg.mul(r, alg.add(alg.constant(1.0 / 12), alg.mul(r2, alg.add(alg.constant(-1.0 / 360),
                alg.mul(r2, alg.add(alg.constant(1.0 / 1260), alg.mul(r2, alg.constant(-1.0 / 1680))))))));
        T out = alg.add(alg.sub(alg.mul(alg.sub(y, alg.constant(0.5)), logY), y),
                alg.add(alg.constant(HALF_LOG_2PI), series));
        for (int k = 0; k < SHIFT; k++) {
            out = alg.sub(out, alg.log(alg.add(x, alg.constant(k))));
        }
        return out;
    }

    /** ψ(x) for x ≥ 1. */
    public static <T> T digamma(LossAlgebra<T> alg, T x) {
        T y = alg.add(x, alg.constant(SHIFT));
        T logY = alg.log(y);
        T r = reciprocal(alg, logY);
        T r2 = alg.square(r);
        // log y − 1/(2y) − 1/(12y²) + 1/(120y⁴) − 1/(252y⁶) + 1/(240y⁸)
        T series = alg.mul(r2, alg.add(alg.constant(-1.0 / 12), alg.mul(r2, alg.add(alg.constant(1.0 / 120),
                alg.mul(r2, alg.add(alg.constant(-1.0 / 252), alg.mul(r2, alg.constant(1.0 / 240))))))));
        T out = alg.add(alg.sub(logY, alg.mul(alg.constant(0.5), r)), series);
        for (int k = 0; k < SHIFT; k++) {
            out = alg.sub(out, reciprocal(alg, alg.log(alg.add(x, alg.constant(k)))));
        }
        return out;
    }

    /** 1/y from log y (the algebra has no division; y > 0 here). */
    private static <T> T reciprocal(LossAlgebra<T> alg, T logY) {
        return alg.exp(alg.neg(logY));
    }
}
