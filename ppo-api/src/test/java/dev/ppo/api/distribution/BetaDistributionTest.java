package dev.ppo.api.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.space.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** log Γ, ψ and the Beta policy's log π, entropy and KL against closed forms and numerical integrals. */
class BetaDistributionTest {

    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final Scalars ALG = Scalars.INSTANCE;

    @Test
    void lnGammaAndDigammaMatchKnownValuesAndTheirRecurrences() {
        assertThat(GammaFunctions.lnGamma(ALG, 1.0)).isCloseTo(0, within(1e-10));
        assertThat(GammaFunctions.lnGamma(ALG, 2.0)).isCloseTo(0, within(1e-10));
        assertThat(GammaFunctions.lnGamma(ALG, 1.5)).isCloseTo(Math.log(Math.sqrt(Math.PI) / 2), within(1e-10));
        assertThat(GammaFunctions.lnGamma(ALG, 10.0)).isCloseTo(Math.log(362880), within(1e-9));
        assertThat(GammaFunctions.digamma(ALG, 1.0)).isCloseTo(-EULER_GAMMA, within(1e-10));
        assertThat(GammaFunctions.digamma(ALG, 1.5)).isCloseTo(2 - EULER_GAMMA - 2 * Math.log(2), within(1e-10));
        for (double x = 1; x < 5000; x *= 1.37) {
            assertThat(GammaFunctions.lnGamma(ALG, x + 1) - GammaFunctions.lnGamma(ALG, x))
                    .as("log Γ(x+1) − log Γ(x) = log x at %s", x).isCloseTo(Math.log(x), within(1e-9 * Math.max(1, x)));
            assertThat(GammaFunctions.digamma(ALG, x + 1) - GammaFunctions.digamma(ALG, x))
                    .as("ψ(x+1) − ψ(x) = 1/x at %s", x).isCloseTo(1 / x, within(1e-10));
        }
    }

    @Test
    void logProbIsTheScaledBetaDensity() {
        // Beta(2, 3) at x = 0.4: x(1 − x)²/B(2, 3) = 12·0.4·0.36 = 1.728; on [-1, 1] the density halves.
        BetaDistribution beta = BetaDistribution.on(Box.of(-1, 1, 1));
        var d = beta.of(ALG, List.of(2.0, 3.0));
        assertThat(d.logProb(List.of(-0.2))).isCloseTo(Math.log(1.728 / 2), within(1e-9));
        assertThat(beta.meanAction(0, 2, 3)).isCloseTo(-1 + 2 * 0.4, within(1e-12));
        // on the bounds the density is evaluated a hair inside them: finite
        assertThat(d.logProb(List.of(1.0))).isFinite();
        assertThat(d.logProb(List.of(-1.0))).isFinite();
    }

    @Test
    void entropyAndKlMatchNumericalIntegrals() {
        BetaDistribution beta = new BetaDistribution(new double[] {-2}, new double[] {3});
        double[][] cases = {{1, 1}, {2, 2}, {2.5, 7.3}, {31, 4.2}};
        for (double[] p : cases) {
            var d = beta.of(ALG, List.of(p[0], p[1]));
            assertThat(d.entropy()).as("H of Beta%s", java.util.Arrays.toString(p))
                    .isCloseTo(-integrate(a -> density(d, a) * d.logProb(List.of(a)), -2, 3), within(1e-6));
            for (double[] q : cases) {
                var e = beta.of(ALG, List.of(q[0], q[1]));
                double kl = integrate(a -> density(d, a) * (d.logProb(List.of(a)) - e.logProb(List.of(a))), -2, 3);
                assertThat(e.klFrom(d)).as("KL[Beta%s, Beta%s]", java.util.Arrays.toString(p),
                        java.util.Arrays.toString(q)).isCloseTo(kl, within(1e-5 * Math.max(1, kl)));
            }
        }
        // the uniform Beta(1, 1) on a box of width 5 has entropy log 5
        assertThat(beta.of(ALG, List.of(1.0, 1.0)).entropy()).isCloseTo(Math.log(5), within(1e-9));
    }

    @Test
    void unboundedOrEmptyBoxesAreRefusedWithTheDimension() {
        assertThatThrownBy(() -> BetaDistribution.on(Box.of(Float.NEGATIVE_INFINITY, 1, 2)))
                .hasMessageContaining("finite bounds").hasMessageContaining("dimension 0");
        assertThatThrownBy(() -> new BetaDistribution(new double[] {0, 1}, new double[] {1, 1}))
                .hasMessageContaining("dimension 1");
        assertThat(BoxDistribution.fromConfigName("beta")).isEqualTo(BoxDistribution.BETA);
        assertThatThrownBy(() -> BoxDistribution.fromConfigName("gamma")).hasMessageContaining("[gaussian, beta]");
    }

    private static double density(Distribution.Of<Double> d, double a) {
        return Math.exp(d.logProb(List.of(a)));
    }

    /** Composite Simpson's rule on a fine grid, with the endpoints' singular-free interior. */
    private static double integrate(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        int n = 200_000;
        double h = (hi - lo) / n;
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(lo + i * h);
        }
        // endpoints: evaluated a hair inside, where log π is finite
        sum += f.applyAsDouble(lo + 1e-9) + f.applyAsDouble(hi - 1e-9);
        return sum * h / 3;
    }
}
