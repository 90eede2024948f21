package dev.ppo.api.objective;

import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import java.util.EnumMap;
import java.util.Map;

/**
 * Equation (9) of the paper, written once for every backend: the loss minimized is
 * −(L^policy − c1·L^VF + c2·S), with
 * <ul>
 *   <li>L^policy the objective's surrogate ({@link Objective#surrogate});</li>
 *   <li>L^VF = ½·mean((V − R)²), or with value clipping c,
 *       ½·mean(max((V − R)², (V_old + clip(V − V_old, −c, c) − R)²)) (the ½ as CleanRL and SB3);</li>
 *   <li>S the mean entropy of the policy;</li>
 * </ul>
 * and the diagnostics every PPO implementation logs, from the ratio r = exp(log π − log π_old):
 * the exact KL, CleanRL's two approx-KL estimators mean((r − 1) − log r) and mean(−log r), and the
 * clip fraction mean(|r − 1| > ε). A backend supplies the operands ({@link Inputs}) and takes the
 * gradient of {@link Term#LOSS}; evaluated with {@code dev.ppo.testing.DoubleAlgebra} (ppo-test-support) the same
 * definition runs in plain Java. A new logged term is a constant of {@link Term} and its line in
 * {@link #build}: backends, logs, TensorBoard and metrics pick it up by name.
 */
public final class PpoLoss {

    /** The terms of one train step, in the order backends report them; {@link #key()} names the log column. */
    public enum Term {
        POLICY_OBJECTIVE("policy_objective"), VALUE_LOSS("value_loss"), ENTROPY("entropy"), KL("kl"),
        APPROX_KL("approx_kl"), OLD_APPROX_KL("old_approx_kl"), CLIP_FRACTION("clip_fraction"), LOSS("loss");

        private final String key;

        Term(String key) {
            this.key = key;
        }

        /** The name in scalars.jsonl, TensorBoard and metrics. */
        public String key() {
            return key;
        }
    }

    /**
     * What a backend computes for a minibatch.
     *
     * @param policy      log-probabilities, old log-probabilities, advantages and the exact KL per sample
     * @param meanEntropy the policy's mean entropy, a scalar
     * @param value       V(s) per sample
     * @param oldValue    V_old(s) recorded with the rollout
     * @param returns     the value targets R
     * @param clipRange   ε of the clip-fraction diagnostic ({@link Objective#diagnosticClipRange()}), a scalar
     */
    public record Inputs<T>(PolicyTerms<T> policy, T meanEntropy, T value, T oldValue, T returns, T clipRange) {
    }

    /**
     * The fixed coefficients of the loss.
     *
     * @param valueCoef   c1
     * @param entropyCoef c2
     * @param valueClip   c of value clipping; 0 turns it off
     */
    public record Coefficients(double valueCoef, double entropyCoef, double valueClip) {
    }

    private PpoLoss() {
    }

    /** Every {@link Term}, each a scalar; {@link Term#LOSS} is the one to minimize. */
    public static <T> Map<Term, T> build(LossAlgebra<T> alg, Objective objective, Inputs<T> in, Coefficients c) {
        T surrogate = objective.surrogate(alg, in.policy());
        T valueLoss = valueLoss(alg, in, c.valueClip());
        T logRatio = alg.sub(in.policy().logProb(), in.policy().oldLogProb());
        T ratio = alg.exp(logRatio);
        T ratioMinusOne = alg.sub(ratio, alg.constant(1));

        Map<Term, T> terms = new EnumMap<>(Term.class);
        terms.put(Term.POLICY_OBJECTIVE, surrogate);
        terms.put(Term.VALUE_LOSS, valueLoss);
        terms.put(Term.ENTROPY, in.meanEntropy());
        terms.put(Term.KL, alg.mean(in.policy().kl()));
        terms.put(Term.APPROX_KL, alg.mean(alg.sub(ratioMinusOne, logRatio)));
        terms.put(Term.OLD_APPROX_KL, alg.mean(alg.neg(logRatio)));
        terms.put(Term.CLIP_FRACTION, alg.mean(alg.greater(alg.abs(ratioMinusOne), in.clipRange())));
        terms.put(Term.LOSS, alg.neg(alg.add(alg.sub(surrogate, alg.mul(alg.constant(c.valueCoef()), valueLoss)),
                alg.mul(alg.constant(c.entropyCoef()), in.meanEntropy()))));
        return terms;
    }

    private static <T> T valueLoss(LossAlgebra<T> alg, Inputs<T> in, double valueClip) {
        T unclipped = alg.square(alg.sub(in.value(), in.returns()));
        T perSample = unclipped;
        if (valueClip > 0) {
            T c = alg.constant(valueClip);
            T delta = alg.clip(alg.sub(in.value(), in.oldValue()), alg.neg(c), c);
            perSample = alg.max(unclipped, alg.square(alg.sub(alg.add(in.oldValue(), delta), in.returns())));
        }
        return alg.mul(alg.constant(0.5), alg.mean(perSample));
    }
}
