package dev.ppo.objectives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.testing.DoubleAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.objective.PpoLoss.Term;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole loss of equation (9) and its diagnostics, in plain Java, against numbers worked by hand. */
class PpoLossTest {

    private static final double EPS = 1e-12;

    /** Two samples: r = 1.5 with Â = 1, and r = 0.5 with Â = −1. */
    private static Map<Term, double[]> twoSamples(double valueClip) {
        ClipObjective clip = new ClipObjective(0.2, false);
        DoubleAlgebra alg = new DoubleAlgebra(clip.parameters());
        PolicyTerms<double[]> policy = new PolicyTerms<>(new double[] {Math.log(1.5), Math.log(0.5)},
                new double[] {0, 0}, new double[] {1, -1}, new double[] {0.02, 0.04});
        PpoLoss.Inputs<double[]> in = new PpoLoss.Inputs<>(policy, new double[] {0.6},
                new double[] {2.0, -1.0},   // V
                new double[] {1.0, 0.0},    // V_old
                new double[] {3.0, 1.0},    // R
                new double[] {clip.diagnosticClipRange()});
        return PpoLoss.build(alg, clip, in, new PpoLoss.Coefficients(0.5, 0.01, valueClip));
    }

    @Test
    void everyTermAsWorkedByHand() {
        Map<Term, double[]> t = twoSamples(0);
        // L^CLIP: min(1.5, 1.2) = 1.2 and min(-0.5, -0.8) = -0.8 -> mean 0.2
        assertThat(t.get(Term.POLICY_OBJECTIVE)[0]).isCloseTo(0.2, within(EPS));
        // L^VF = 0.5 * mean((2-3)^2, (-1-1)^2) = 0.5 * 2.5
        assertThat(t.get(Term.VALUE_LOSS)[0]).isCloseTo(1.25, within(EPS));
        assertThat(t.get(Term.ENTROPY)[0]).isCloseTo(0.6, within(EPS));
        assertThat(t.get(Term.KL)[0]).isCloseTo(0.03, within(EPS));
        // mean((r - 1) - log r) and mean(-log r)
        assertThat(t.get(Term.APPROX_KL)[0]).isCloseTo(((0.5 - Math.log(1.5)) + (-0.5 - Math.log(0.5))) / 2,
                within(EPS));
        assertThat(t.get(Term.OLD_APPROX_KL)[0]).isCloseTo(-(Math.log(1.5) + Math.log(0.5)) / 2, within(EPS));
        // |r - 1| = 0.5 > 0.2 for both
        assertThat(t.get(Term.CLIP_FRACTION)[0]).isCloseTo(1.0, within(EPS));
        // -(0.2 - 0.5 * 1.25 + 0.01 * 0.6)
        assertThat(t.get(Term.LOSS)[0]).isCloseTo(-(0.2 - 0.625 + 0.006), within(EPS));
    }

    @Test
    void valueClippingTakesThePessimisticError() {
        Map<Term, double[]> t = twoSamples(0.2);
        // sample 1: V moved 1.0 from V_old, clipped to 1.2: max((2-3)^2, (1.2-3)^2) = 3.24
        // sample 2: V moved -1.0, clipped to -0.2: max((-1-1)^2, (-0.2-1)^2) = 4
        assertThat(t.get(Term.VALUE_LOSS)[0]).isCloseTo(0.5 * (3.24 + 4) / 2, within(EPS));
    }

    @Test
    void everyTermIsBuilt() {
        assertThat(twoSamples(0)).containsOnlyKeys(Term.values());
    }
}
