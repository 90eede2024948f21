package dev.ppo.objectives;

import static dev.ppo.objectives.Fixtures.gradLogProb;
import static dev.ppo.objectives.Fixtures.value;
import static dev.ppo.objectives.Fixtures.withRatios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.loss.PolicyTerms;
import org.junit.jupiter.api.Test;

class CpiObjectiveTest {

    private final CpiObjective cpi = new CpiObjective();

    @Test
    void valueIsTheMeanOfRatioTimesAdvantage() {
        PolicyTerms<double[]> terms = withRatios(new double[] {0.5, 1.0, 1.5}, new double[] {1, -1, 2});
        // (0.5 - 1.0 + 3.0) / 3, no clipping of the 1.5 ratio
        assertThat(value(cpi, terms)).isCloseTo(2.5 / 3, within(1e-12));
    }

    @Test
    void gradientIsProportionalToRatioTimesAdvantage() {
        double[] r = {0.5, 1.0, 1.5, 3.0};
        double[] a = {1, -1, 2, -0.5};
        PolicyTerms<double[]> terms = withRatios(r, a);
        for (int i = 0; i < r.length; i++) {
            // d/dlogπ_i of mean(exp(logπ - logπ_old)·Â) = r_i·Â_i / n, even far outside [0.8, 1.2]
            assertThat(gradLogProb(cpi, terms, i)).as("sample %d", i).isCloseTo(r[i] * a[i] / r.length, within(1e-6));
        }
    }
}
