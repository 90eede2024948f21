package dev.ppo.objectives;

import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.Objective;
import java.util.Map;

/**
 * The KL-penalized surrogate, paper equation (8), shared by the fixed and adaptive variants:
 * <pre>L^KLPEN(θ) = Ê_t[ r_t(θ)·Â_t − β·KL[π_θold(·|s_t), π_θ(·|s_t)] ]</pre>
 * Subclasses only decide how β evolves; it is a graph parameter ({@value #KL_BETA}).
 */
public abstract class KlPenaltyObjective implements Objective {

    /** The name β is fed under, {@link LossAlgebra#parameter(String)}. */
    public static final String KL_BETA = "kl_beta";

    /** The penalty coefficient β. */
    protected double beta;

    /** @param beta the initial penalty coefficient, {@code >= 0} */
    protected KlPenaltyObjective(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
        this.beta = beta;
    }

    @Override
    public final <T> T surrogate(LossAlgebra<T> alg, PolicyTerms<T> terms) {
        T r = terms.ratio(alg);
        T penalty = alg.mul(alg.parameter(KL_BETA), terms.kl());
        return alg.mean(alg.sub(alg.mul(r, terms.advantage()), penalty));
    }

    @Override
    public Map<String, Double> parameters() {
        return Map.of(KL_BETA, beta);
    }

    /** The current β. */
    public double beta() {
        return beta;
    }
}
