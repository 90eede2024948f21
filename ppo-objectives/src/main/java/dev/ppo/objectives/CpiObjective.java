package dev.ppo.objectives;

import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.Objective;

/**
 * The conservative policy iteration surrogate, paper equation (6), with neither clipping nor
 * penalty (the "no clipping or penalty" row of table 1):
 * <pre>L^CPI(θ) = Ê_t[ r_t(θ)·Â_t ]</pre>
 * A baseline: without a constraint, several epochs on it tend to make destructively large updates.
 */
public final class CpiObjective implements Objective {

    @Override
    public <T> T surrogate(LossAlgebra<T> alg, PolicyTerms<T> terms) {
        return alg.mean(alg.mul(terms.ratio(alg), terms.advantage()));
    }
}
