package dev.ppo.objectives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.objective.UpdateStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The β schedule of paper section 4 with d_targ = 0.01: band (0.00667, 0.015). */
class AdaptiveKlObjectiveTest {

    private final AdaptiveKlObjective objective = new AdaptiveKlObjective(0.01, 1.0);

    @Test
    void klFarBelowTargetHalvesBeta() {
        objective.afterUpdate(stats(0.001));
        assertThat(objective.beta()).isEqualTo(0.5);
    }

    @Test
    void klFarAboveTargetDoublesBeta() {
        objective.afterUpdate(stats(0.1));
        assertThat(objective.beta()).isEqualTo(2.0);
    }

    @Test
    void klInsideTheBandLeavesBetaAlone() {
        objective.afterUpdate(stats(0.007)); // just above 0.01 / 1.5
        objective.afterUpdate(stats(0.01));
        objective.afterUpdate(stats(0.014)); // just below 0.01 * 1.5
        assertThat(objective.beta()).isEqualTo(1.0);
    }

    @Test
    void justOutsideTheBandAdapts() {
        objective.afterUpdate(stats(0.0066)); // below 0.006667
        assertThat(objective.beta()).isEqualTo(0.5);
        objective.afterUpdate(stats(0.0151)); // above 0.015
        assertThat(objective.beta()).isEqualTo(1.0);
    }

    @Test
    void consecutiveUpdatesCompound() {
        double[] kls = {0.001, 0.001, 0.05, 0.01, 0.03, 0.03, 0.03};
        double[] betas = {0.5, 0.25, 0.5, 0.5, 1.0, 2.0, 4.0};
        for (int i = 0; i < kls.length; i++) {
            objective.afterUpdate(stats(kls[i]));
            assertThat(objective.beta()).as("after update %d (d = %s)", i + 1, kls[i]).isEqualTo(betas[i]);
            // the graph sees the new β on the next train step
            assertThat(objective.parameters()).isEqualTo(Map.of(KlPenaltyObjective.KL_BETA, betas[i]));
        }
    }

    @Test
    void usesTheExactKlNotTheApproximation() {
        objective.afterUpdate(new UpdateStats(0.001, 0.5, 0, 0));
        assertThat(objective.beta()).isEqualTo(0.5);
    }

    @Test
    void aNanKlLeavesBetaAlone() {
        objective.afterUpdate(stats(Double.NaN));
        assertThat(objective.beta()).isEqualTo(1.0);
    }

    @Test
    void betaSurvivesACheckpoint() {
        objective.afterUpdate(stats(0.1));
        objective.afterUpdate(stats(0.1));
        Map<String, Double> saved = objective.state();
        assertThat(saved).isEqualTo(Map.of(KlPenaltyObjective.KL_BETA, 4.0));

        AdaptiveKlObjective resumed = new AdaptiveKlObjective(0.01, 1.0);
        resumed.restoreState(saved);
        assertThat(resumed.beta()).isEqualTo(4.0);
        resumed.afterUpdate(stats(0.001));
        assertThat(resumed.beta()).isEqualTo(2.0);
    }

    @Test
    void restoringWithoutBetaFails() {
        assertThatThrownBy(() -> objective.restoreState(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kl_beta");
    }

    private static UpdateStats stats(double kl) {
        return new UpdateStats(kl, kl, 0, 0);
    }
}
