package dev.ppo.api.distribution;

import dev.ppo.api.loss.LossAlgebra;
import java.util.function.IntFunction;

/** Sums over a distribution's independent parts (action dimensions, categories). */
final class Sums {

    private Sums() {
    }

    /** term(0) + term(1) + … + term(count − 1), added left to right (count ≥ 1). */
    static <T> T over(LossAlgebra<T> alg, int count, IntFunction<T> term) {
        T out = term.apply(0);
        for (int k = 1; k < count; k++) {
            out = alg.add(out, term.apply(k));
        }
        return out;
    }
}
