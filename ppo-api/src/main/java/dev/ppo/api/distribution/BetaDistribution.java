package dev.ppo.api.distribution;

import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.space.Box;
import java.util.List;

/**
 * A Beta distribution per action dimension, scaled onto the box [low, high]: a = low + (high − low)·x
 * with x ~ Beta(α, β). Parameters per sample are the d values α then the d values β (both ≥ 1 from
 * the policy head, so every density is unimodal and finite). With w = high − low and
 * log B(α, β) = log Γ(α) + log Γ(β) − log Γ(α + β):
 * log π(a) = Σ [(α − 1) log x + (β − 1) log(1 − x) − log B(α, β) − log w],
 * H = Σ [log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β) + log w],
 * KL[old, new] = Σ [log B(α, β) − log B(α₀, β₀) + (α₀ − α)ψ(α₀) + (β₀ − β)ψ(β₀) + (α + β − α₀ − β₀)ψ(α₀ + β₀)].
 *
 * <p>x is kept in [{@link #EDGE}, 1 − {@link #EDGE}] (by the sampler, and again here), so that
 * log x stays finite for actions on the bounds.
 */
public final class BetaDistribution implements Distribution {

    /** How close x may come to 0 or 1. */
    public static final double EDGE = 1e-6;

    private final int d;
    private final double[] low;
    private final double[] width;

    /**
     * @param low  lower bound per dimension
     * @param high upper bound per dimension, above {@code low}; both finite
     */
    public BetaDistribution(double[] low, double[] high) {
        if (low.length < 1 || low.length != high.length) {
            throw new IllegalArgumentException("need one low and one high per dimension, got " + low.length
                    + " and " + high.length);
        }
        this.d = low.length;
        this.low = low.clone();
        this.width = new double[d];
        for (int j = 0; j < d; j++) {
            width[j] = high[j] - low[j];
            if (!Double.isFinite(low[j]) || !Double.isFinite(high[j]) || !(width[j] > 0)) {
                throw new IllegalArgumentException("a Beta policy needs finite bounds with low < high; dimension " + j
                        + " is [" + low[j] + ", " + high[j] + "]");
            }
        }
    }

    /** The Beta policy on {@code box}'s bounds. */
    public static BetaDistribution on(Box box) {
        double[] lo = new double[box.flatSize()];
        double[] hi = new double[lo.length];
        for (int j = 0; j < lo.length; j++) {
            lo[j] = box.low(j);
            hi[j] = box.high(j);
        }
        return new BetaDistribution(lo, hi);
    }

    @Override
    public int parameterSize() {
        return 2 * d;
    }

    @Override
    public int actionSize() {
        return d;
    }

    /** The action of x ∈ [0, 1] in dimension j: low + (high − low)·x. */
    public double action(int j, double x) {
        return low[j] + width[j] * x;
    }

    /** The mean action in dimension j: low + (high − low)·α/(α + β), the deterministic policy's action. */
    public double meanAction(int j, double alpha, double beta) {
        return action(j, alpha / (alpha + beta));
    }

    @Override
    public <T> Of<T> of(LossAlgebra<T> alg, List<T> params) {
        return new Parameters<>(alg, params);
    }

    /** The distribution as its columns: d values α, then d values β. */
    private final class Parameters<T> implements Of<T> {
        private final LossAlgebra<T> alg;
        private final List<T> params;

        Parameters(LossAlgebra<T> alg, List<T> params) {
            this.alg = alg;
            this.params = params;
        }

        private T alpha(int j) {
            return params.get(j);
        }

        private T beta(int j) {
            return params.get(d + j);
        }

        private T logB(int j) {
            return alg.sub(alg.add(GammaFunctions.lnGamma(alg, alpha(j)), GammaFunctions.lnGamma(alg, beta(j))),
                    GammaFunctions.lnGamma(alg, alg.add(alpha(j), beta(j))));
        }

        private T minusOne(T v) {
            return alg.sub(v, alg.constant(1));
        }

        @Override
        public T logProb(List<T> actions) {
            return Sums.over(alg, d, j -> {
                T x = alg.mul(alg.sub(actions.get(j), alg.constant(low[j])), alg.constant(1 / width[j]));
                x = alg.clip(x, alg.constant(EDGE), alg.constant(1 - EDGE));
                T term = alg.add(alg.mul(minusOne(alpha(j)), alg.log(x)),
                        alg.mul(minusOne(beta(j)), alg.log(alg.sub(alg.constant(1), x))));
                term = alg.sub(term, alg.add(logB(j), alg.constant(Math.log(width[j]))));
                return term;
            });
        }

        @Override
        public T entropy() {
            return Sums.over(alg, d, j -> {
                T sum = alg.add(alpha(j), beta(j));
                T term = alg.sub(logB(j), alg.add(alg.mul(minusOne(alpha(j)), GammaFunctions.digamma(alg, alpha(j))),
                        alg.mul(minusOne(beta(j)), GammaFunctions.digamma(alg, beta(j)))));
                term = alg.add(term, alg.mul(alg.sub(sum, alg.constant(2)), GammaFunctions.digamma(alg, sum)));
                term = alg.add(term, alg.constant(Math.log(width[j])));
                return term;
            });
        }

        @Override
        public T klFrom(Of<T> old) {
            Parameters<T> o = (Parameters<T>) old;
            return Sums.over(alg, d, j -> {
                T oldSum = alg.add(o.alpha(j), o.beta(j));
                T term = alg.sub(logB(j), o.logB(j));
                term = alg.add(term, alg.mul(alg.sub(o.alpha(j), alpha(j)), GammaFunctions.digamma(alg, o.alpha(j))));
                term = alg.add(term, alg.mul(alg.sub(o.beta(j), beta(j)), GammaFunctions.digamma(alg, o.beta(j))));
                term = alg.add(term, alg.mul(alg.sub(alg.add(alpha(j), beta(j)), oldSum),
                        GammaFunctions.digamma(alg, oldSum)));
                return term;
            });
        }
    }
}
