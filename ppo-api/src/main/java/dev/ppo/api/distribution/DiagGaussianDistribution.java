package dev.ppo.api.distribution;

import dev.ppo.api.loss.LossAlgebra;
import java.util.List;

/**
 * Diagonal Gaussian in d dimensions; parameters are the d means then the d log-stds s. With
 * z = (a − μ)·e^(−s): log π(a) = Σ (−½z² − s − ½ log 2π), H = Σ (s + ½(1 + log 2π)),
 * KL[old, new] = Σ (s − s_old + (e^(2 s_old) + (μ_old − μ)²)·½e^(−2s) − ½).
 */
public final class DiagGaussianDistribution implements Distribution {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;

    public DiagGaussianDistribution(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1, got " + d);
        }
        this.d = d;
    }

    @Override
    public int parameterSize() {
        return 2 * d;
    }

    @Override
    public int actionSize() {
        return d;
    }

    @Override
    public <T> Of<T> of(LossAlgebra<T> alg, List<T> params) {
        return new Parameters<>(alg, params);
    }

    /** The distribution as its columns: d means, then d log-stds. */
    private final class Parameters<T> implements Of<T> {
        private final LossAlgebra<T> alg;
        private final List<T> params;

        Parameters(LossAlgebra<T> alg, List<T> params) {
            this.alg = alg;
            this.params = params;
        }

        @Override
        public T logProb(List<T> actions) {
            return Sums.over(alg, d, j -> {
                T logStd = params.get(d + j);
                T z = alg.mul(alg.sub(actions.get(j), params.get(j)), alg.exp(alg.neg(logStd)));
                return alg.sub(alg.sub(alg.mul(alg.constant(-0.5), alg.square(z)), logStd),
                        alg.constant(0.5 * LOG_2PI));
            });
        }

        @Override
        public T entropy() {
            return Sums.over(alg, d, j -> alg.add(params.get(d + j), alg.constant(0.5 * (1 + LOG_2PI))));
        }

        @Override
        public T klFrom(Of<T> old) {
            List<T> oldParams = ((Parameters<T>) old).params;
            return Sums.over(alg, d, j -> {
                T s = params.get(d + j);
                T sOld = oldParams.get(d + j);
                T diff = alg.sub(oldParams.get(j), params.get(j));
                T ratio = alg.mul(alg.add(alg.exp(alg.mul(alg.constant(2), sOld)), alg.square(diff)),
                        alg.mul(alg.constant(0.5), alg.exp(alg.mul(alg.constant(-2), s))));
                return alg.sub(alg.add(alg.sub(s, sOld), ratio), alg.constant(0.5));
            });
        }
    }
}
