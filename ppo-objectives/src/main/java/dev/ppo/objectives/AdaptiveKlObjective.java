package dev.ppo.objectives;

import dev.ppo.api.objective.UpdateStats;
import java.util.Map;

/**
 * {@link KlPenaltyObjective} whose β chases a target KL divergence d_targ (paper section 4):
 * after each policy update, with d = Ê_t[KL[π_θold(·|s_t), π_θ(·|s_t)]],
 * <ul>
 *   <li>if d &lt; d_targ / 1.5, β ← β / 2;</li>
 *   <li>if d &gt; d_targ × 1.5, β ← β × 2.</li>
 * </ul>
 * β is part of the training state and is saved in checkpoints.
 */
public final class AdaptiveKlObjective extends KlPenaltyObjective {

    /** Width of the band around d_targ inside which β is left alone (the paper's 1.5). */
    static final double TOLERANCE = 1.5;
    /** Factor β is multiplied or divided by outside the band (the paper's 2). */
    static final double FACTOR = 2.0;

    private final double klTarget;

    /**
     * @param klTarget d_targ, {@code > 0}
     * @param betaInit the initial β, {@code > 0} (a zero β could never grow back)
     */
    public AdaptiveKlObjective(double klTarget, double betaInit) {
        super(betaInit);
        if (!(klTarget > 0) || Double.isInfinite(klTarget)) {
            throw new IllegalArgumentException("klTarget must be finite and > 0, got " + klTarget);
        }
        if (!(betaInit > 0)) {
            throw new IllegalArgumentException("betaInit must be > 0, got " + betaInit);
        }
        this.klTarget = klTarget;
    }

    @Override
    public void afterUpdate(UpdateStats stats) {
        double d = stats.kl();
        if (d < klTarget / TOLERANCE) {
            beta /= FACTOR;
        } else if (d > klTarget * TOLERANCE) {
            beta *= FACTOR;
        }
        // A NaN d (a diverged update) matches neither branch and leaves β unchanged.
    }

    @Override
    public Map<String, Double> state() {
        return Map.of(KL_BETA, beta);
    }

    @Override
    public void restoreState(Map<String, Double> state) {
        Double saved = state.get(KL_BETA);
        if (saved == null || !(saved > 0) || saved.isInfinite()) {
            throw new IllegalArgumentException("adaptive-kl state needs a finite " + KL_BETA
                    + " > 0, got " + state);
        }
        beta = saved;
    }

    /** d_targ. */
    public double klTarget() {
        return klTarget;
    }
}
