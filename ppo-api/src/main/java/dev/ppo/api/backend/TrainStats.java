package dev.ppo.api.backend;

import dev.ppo.api.objective.PpoLoss.Term;
import java.util.EnumMap;
import java.util.Map;

/**
 * Diagnostics of one train step: every {@link Term} of the loss (minibatch means) and the global
 * gradient norm before clipping.
 *
 * @param terms    a value for every term
 * @param gradNorm global gradient norm before clipping
 */
public record TrainStats(Map<Term, Double> terms, double gradNorm) {

    public TrainStats {
        EnumMap<Term, Double> copy = new EnumMap<>(Term.class);
        for (Term t : Term.values()) {
            Double v = terms.get(t);
            if (v == null) {
                throw new IllegalArgumentException("no value for " + t.key());
            }
            copy.put(t, v);
        }
        terms = java.util.Collections.unmodifiableMap(copy);
    }

    /** Stats with the given terms and 0 for the others (tests, fakes). */
    public static TrainStats of(Map<Term, Double> some, double gradNorm) {
        EnumMap<Term, Double> all = new EnumMap<>(Term.class);
        for (Term t : Term.values()) {
            all.put(t, some.getOrDefault(t, 0.0));
        }
        return new TrainStats(all, gradNorm);
    }

    public double get(Term term) {
        return terms.get(term);
    }

    /** L^policy (maximized). */
    public double policyObjective() {
        return get(Term.POLICY_OBJECTIVE);
    }

    /** L^VF (possibly clipped), before the c1 factor. */
    public double valueLoss() {
        return get(Term.VALUE_LOSS);
    }

    /** S, policy entropy. */
    public double entropy() {
        return get(Term.ENTROPY);
    }

    /** Exact KL[π_old, π_θ]. */
    public double kl() {
        return get(Term.KL);
    }

    /** mean((r − 1) − log r). */
    public double approxKl() {
        return get(Term.APPROX_KL);
    }

    /** Fraction of samples with |r − 1| > the objective's clip range. */
    public double clipFraction() {
        return get(Term.CLIP_FRACTION);
    }

    /** The minimized total −(L^policy − c1·L^VF + c2·S). */
    public double loss() {
        return get(Term.LOSS);
    }
}
