package dev.ppo.objectives;

import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.Objective;
import java.util.Map;

/**
 * The clipped surrogate objective, paper equation (7):
 * <pre>L^CLIP(θ) = Ê_t[ min( r_t(θ)·Â_t, clip(r_t(θ), 1−ε, 1+ε)·Â_t ) ]</pre>
 * ε is a graph parameter ({@value #CLIP_EPSILON}) so that annealing it needs no new graph.
 */
public final class ClipObjective implements Objective {

    /** The name ε is fed under, {@link LossAlgebra#parameter(String)}. */
    public static final String CLIP_EPSILON = "clip_epsilon";

    private final double clipEpsilon;
    private final boolean annealClip;
    private double currentEpsilon;

    /**
     * @param clipEpsilon ε, in (0, 1)
     * @param annealClip  scale ε by the fraction of training left, as the paper's Atari runs do
     */
    public ClipObjective(double clipEpsilon, boolean annealClip) {
        if (!(clipEpsilon > 0 && clipEpsilon < 1)) {
            throw new IllegalArgumentException("clipEpsilon must be in (0, 1), got " + clipEpsilon);
        }
        this.clipEpsilon = clipEpsilon;
        this.annealClip = annealClip;
        this.currentEpsilon = clipEpsilon;
    }

    @Override
    public <T> T surrogate(LossAlgebra<T> alg, PolicyTerms<T> terms) {
        T r = terms.ratio(alg);
        T a = terms.advantage();
        T eps = alg.parameter(CLIP_EPSILON);
        T one = alg.constant(1);
        T clipped = alg.clip(r, alg.sub(one, eps), alg.add(one, eps));
        // The min makes this a pessimistic bound: a ratio change is ignored when it would improve
        // the objective, and counted when it makes it worse (paper section 3).
        return alg.mean(alg.min(alg.mul(r, a), alg.mul(clipped, a)));
    }

    @Override
    public Map<String, Double> parameters() {
        return Map.of(CLIP_EPSILON, currentEpsilon);
    }

    @Override
    public void beginUpdate(double progressRemaining) {
        if (annealClip) {
            // The paper's Atari setting: ε = 0.1·α with α annealed linearly from 1 to 0.
            currentEpsilon = clipEpsilon * Math.max(0, Math.min(1, progressRemaining));
        }
    }

    /** ε as configured, before annealing. */
    public double clipEpsilon() {
        return clipEpsilon;
    }

    /** ε fed to the next train step. */
    @Override
    public double diagnosticClipRange() {
        return currentEpsilon;
    }

    public double currentEpsilon() {
        return currentEpsilon;
    }
}
