package dev.ppo.objectives;

import static dev.ppo.objectives.Fixtures.H;
import static dev.ppo.objectives.Fixtures.value;
import static dev.ppo.objectives.Fixtures.withRatios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.Objective;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The KL-penalized surrogate of eq. 8, through both variants. */
class KlPenaltyObjectiveTest {

    @Test
    void valueIsRatioTimesAdvantageMinusBetaTimesKl() {
        PolicyTerms<double[]> terms = withRatios(
                new double[] {0.5, 1.0, 1.5},
                new double[] {1, -1, 1},
                new double[] {0.1, 0.0, 0.3});
        // β = 2: (0.5 - 0.2) + (-1.0 - 0) + (1.5 - 0.6) = 0.3 - 1.0 + 0.9 = 0.2, over 3 samples
        assertThat(value(new FixedKlObjective(2.0), terms)).isCloseTo(0.2 / 3, within(1e-12));
        assertThat(value(new AdaptiveKlObjective(0.01, 2.0), terms)).isCloseTo(0.2 / 3, within(1e-12));
        // β = 0 leaves the CPI surrogate: (0.5 - 1.0 + 1.5) / 3
        assertThat(value(new FixedKlObjective(0.0), terms)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void betaIsFedAsAParameter() {
        assertThat(new FixedKlObjective(0.5).parameters()).isEqualTo(Map.of(KlPenaltyObjective.KL_BETA, 0.5));
    }

    @Test
    void penaltyPullsThePolicyBackTowardTheOldOne() {
        // A two-action policy π(a=1) = sigmoid(θ), old θ = 0.3; with Â = 0 only the penalty acts.
        Objective objective = new FixedKlObjective(1.0);
        double oldTheta = 0.3;
        assertThat(gradTheta(objective, oldTheta + 0.5, oldTheta, 0)).isNegative();
        assertThat(gradTheta(objective, oldTheta - 0.5, oldTheta, 0)).isPositive();
        assertThat(gradTheta(objective, oldTheta, oldTheta, 0)).isCloseTo(0, within(1e-8));
    }

    @Test
    void aLargerBetaHoldsBackTheAdvantageDrivenStep() {
        // Moved past θ_old in the direction Â favours: the penalty opposes further movement.
        double oldTheta = 0.0;
        double theta = 1.0;
        double none = gradTheta(new FixedKlObjective(0.0), theta, oldTheta, 1.0);
        double some = gradTheta(new FixedKlObjective(1.0), theta, oldTheta, 1.0);
        double lots = gradTheta(new FixedKlObjective(10.0), theta, oldTheta, 1.0);
        assertThat(none).isPositive();
        assertThat(some).isLessThan(none);
        assertThat(lots).isNegative(); // the penalty now dominates and pulls back
    }

    /**
     * dL/dθ by central differences for one sample of a Bernoulli policy π(a=1|s) = sigmoid(θ), the
     * action a = 1 taken with advantage {@code advantage}; the KL term is the exact
     * KL[Bern(p_old), Bern(p)], so it moves with θ as it does in a real graph.
     */
    private static double gradTheta(Objective objective, double theta, double oldTheta, double advantage) {
        return (surrogateAt(objective, theta + H, oldTheta, advantage)
                - surrogateAt(objective, theta - H, oldTheta, advantage)) / (2 * H);
    }

    private static double surrogateAt(Objective objective, double theta, double oldTheta, double advantage) {
        double p = sigmoid(theta);
        double q = sigmoid(oldTheta);
        double kl = q * Math.log(q / p) + (1 - q) * Math.log((1 - q) / (1 - p));
        return value(objective, new PolicyTerms<>(
                new double[] {Math.log(p)}, new double[] {Math.log(q)}, new double[] {advantage}, new double[] {kl}));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
