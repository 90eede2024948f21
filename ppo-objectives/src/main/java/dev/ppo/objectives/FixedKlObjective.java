package dev.ppo.objectives;

/** {@link KlPenaltyObjective} with a constant β (the paper's "fixed KL penalty" rows of table 1). */
public final class FixedKlObjective extends KlPenaltyObjective {

    /** @param beta the constant penalty coefficient, {@code >= 0} */
    public FixedKlObjective(double beta) {
        super(beta);
    }
}
