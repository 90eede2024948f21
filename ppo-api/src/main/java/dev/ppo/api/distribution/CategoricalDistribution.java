package dev.ppo.api.distribution;

import dev.ppo.api.loss.LossAlgebra;
import java.util.ArrayList;
import java.util.List;

/**
 * Categorical over n actions from logits l_0 … l_{n−1}: log p_k = l_k − log Σ_j exp(l_j) (with the
 * maximum logit subtracted first, so no exp overflows), log π(a) = Σ_k [a = k]·log p_k,
 * H = −Σ p_k log p_k, KL[old, new] = Σ p_old,k (log p_old,k − log p_k).
 */
public final class CategoricalDistribution implements Distribution {

    private final int n;

    public CategoricalDistribution(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        this.n = n;
    }

    @Override
    public int parameterSize() {
        return n;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public <T> Of<T> of(LossAlgebra<T> alg, List<T> logits) {
        return new Logits<>(alg, logSoftmax(alg, logits));
    }

    /** log p_k for every column k. */
    private <T> List<T> logSoftmax(LossAlgebra<T> alg, List<T> logits) {
        T max = logits.get(0);
        for (int k = 1; k < n; k++) {
            max = alg.max(max, logits.get(k));
        }
        List<T> shifted = new ArrayList<>(n);
        T sum = null;
        for (int k = 0; k < n; k++) {
            T s = alg.sub(logits.get(k), max);
            shifted.add(s);
            sum = sum == null ? alg.exp(s) : alg.add(sum, alg.exp(s));
        }
        T logSum = alg.log(sum);
        List<T> out = new ArrayList<>(n);
        for (T s : shifted) {
            out.add(alg.sub(s, logSum));
        }
        return out;
    }

    /** The distribution as its log-probabilities (and probabilities, made when first needed). */
    private final class Logits<T> implements Of<T> {
        private final LossAlgebra<T> alg;
        private final List<T> logP;
        private List<T> p;

        Logits(LossAlgebra<T> alg, List<T> logP) {
            this.alg = alg;
            this.logP = logP;
        }

        private List<T> probabilities() {
            if (p == null) {
                p = new ArrayList<>(n);
                for (T lp : logP) {
                    p.add(alg.exp(lp));
                }
            }
            return p;
        }

        @Override
        public T logProb(List<T> actions) {
            T index = actions.get(0);
            return Sums.over(alg, n, k -> {
                // [a = k] for a float index: 1 when |a − k| < ½ (a constant: actions are data)
                T distance = alg.abs(alg.sub(index, alg.constant(k)));
                T isK = alg.sub(alg.constant(1), alg.greater(distance, alg.constant(0.5)));
                return alg.mul(isK, logP.get(k));
            });
        }

        @Override
        public T entropy() {
            return alg.neg(Sums.over(alg, n, k -> alg.mul(probabilities().get(k), logP.get(k))));
        }

        @Override
        public T klFrom(Of<T> old) {
            Logits<T> o = (Logits<T>) old;
            return Sums.over(alg, n, k -> alg.mul(o.probabilities().get(k), alg.sub(o.logP.get(k), logP.get(k))));
        }
    }
}
