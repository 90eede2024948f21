package dev.ppo.api.loss;

/**
 * The per-sample quantities a policy objective is built from (paper section 3).
 *
 * @param logProb    log π_θ(a_t | s_t) under the policy being optimized (gradients flow here)
 * @param oldLogProb log π_θold(a_t | s_t), stored when the action was taken (a constant)
 * @param advantage  the advantage estimate Â_t (a constant, normalized per minibatch by the runner)
 * @param kl         KL[π_θold(· | s_t), π_θ(· | s_t)], exact for the distribution family
 * @param <T>        the algebra's value type
 */
public record PolicyTerms<T>(T logProb, T oldLogProb, T advantage, T kl) {

    /** The probability ratio r_t(θ) = π_θ(a_t|s_t) / π_θold(a_t|s_t), computed in log space. */
    public T ratio(LossAlgebra<T> alg) {
        return alg.exp(alg.sub(logProb, oldLogProb));
    }
}
