package dev.ppo.objectives;

import static dev.ppo.objectives.Fixtures.gradLogProb;
import static dev.ppo.objectives.Fixtures.value;
import static dev.ppo.objectives.Fixtures.withRatios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.loss.PolicyTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClipObjectiveTest {

    private final ClipObjective clip = new ClipObjective(0.2, false);

    /** Each row worked by hand: min(r·Â, clip(r, 0.8, 1.2)·Â). */
    @ParameterizedTest(name = "r={0}, A={1} -> {2}")
    @CsvSource({
            "0.5,  1,  0.5",   // min(0.5, 0.8): the unclipped, worse value
            "1.0,  1,  1.0",
            "1.5,  1,  1.2",   // min(1.5, 1.2): gain capped at 1+ε
            "0.5, -1, -0.8",   // min(-0.5, -0.8): gain from lowering r capped at 1-ε
            "1.0, -1, -1.0",
            "1.5, -1, -1.5",   // min(-1.5, -1.2): the loss is not capped
    })
    void perSampleValue(double r, double advantage, double expected) {
        assertThat(value(clip, withRatios(new double[] {r}, new double[] {advantage})))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void meanOverMinibatch() {
        PolicyTerms<double[]> terms = withRatios(
                new double[] {0.5, 1.0, 1.5, 0.5, 1.0, 1.5},
                new double[] {1, 1, 1, -1, -1, -1});
        // (0.5 + 1.0 + 1.2 - 0.8 - 1.0 - 1.5) / 6 = -0.6 / 6
        assertThat(value(clip, terms)).isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void gradientVanishesOnceTheRatioLeavesTheTrustRegionInTheImprovingDirection() {
        // r = 1.5 > 1.2 with Â > 0, and r = 0.5 < 0.8 with Â < 0: flat, nothing to gain.
        PolicyTerms<double[]> terms = withRatios(new double[] {1.5, 0.5}, new double[] {1, -1});
        assertThat(gradLogProb(clip, terms, 0)).isCloseTo(0, within(1e-9));
        assertThat(gradLogProb(clip, terms, 1)).isCloseTo(0, within(1e-9));
    }

    @Test
    void gradientFollowsTheUnclippedTermInsideTheRegionOrWhenItIsWorse() {
        // d/dlogπ mean(r·Â) = r·Â / n, n = 4
        PolicyTerms<double[]> terms = withRatios(
                new double[] {1.0, 0.5, 1.1, 1.5},
                new double[] {1, 1, -1, -1});
        assertThat(gradLogProb(clip, terms, 0)).isCloseTo(1.0 / 4, within(1e-6));   // inside, Â > 0
        assertThat(gradLogProb(clip, terms, 1)).isCloseTo(0.5 / 4, within(1e-6));   // r < 1-ε, Â > 0: still pushed up
        assertThat(gradLogProb(clip, terms, 2)).isCloseTo(-1.1 / 4, within(1e-6));  // inside, Â < 0
        assertThat(gradLogProb(clip, terms, 3)).isCloseTo(-1.5 / 4, within(1e-6));  // r > 1+ε, Â < 0: pulled back
    }

    @Test
    void epsilonIsFedAsAParameter() {
        assertThat(clip.parameters()).containsExactly(java.util.Map.entry(ClipObjective.CLIP_EPSILON, 0.2));
    }

    @Test
    void annealingScalesEpsilonByTheProgressLeft() {
        ClipObjective annealed = new ClipObjective(0.2, true);
        PolicyTerms<double[]> terms = withRatios(new double[] {1.15}, new double[] {1});
        assertThat(value(annealed, terms)).isCloseTo(1.15, within(1e-12)); // ε = 0.2: 1.15 is inside

        annealed.beginUpdate(0.5);
        assertThat(annealed.parameters().get(ClipObjective.CLIP_EPSILON)).isCloseTo(0.1, within(1e-15));
        assertThat(value(annealed, terms)).isCloseTo(1.1, within(1e-12)); // ε = 0.1: capped at 1.1

        annealed.beginUpdate(0.25);
        assertThat(annealed.currentEpsilon()).isCloseTo(0.05, within(1e-15));
        assertThat(annealed.clipEpsilon()).isEqualTo(0.2);
    }

    @Test
    void withoutAnnealingEpsilonStaysPut() {
        ClipObjective fixed = new ClipObjective(0.2, false);
        fixed.beginUpdate(0.5);
        assertThat(fixed.parameters().get(ClipObjective.CLIP_EPSILON)).isEqualTo(0.2);
    }
}
