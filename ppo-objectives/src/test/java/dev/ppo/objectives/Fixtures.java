package dev.ppo.objectives;

import dev.ppo.testing.DoubleAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;
import dev.ppo.testing.PluginSettings;

/** Helpers shared by the objective tests: evaluating a surrogate with {@link DoubleAlgebra}. */
final class Fixtures {

    /** Step of the central finite differences; the surrogates are smooth away from clip kinks. */
    static final double H = 1e-6;

    private Fixtures() {
    }

    /** Terms whose ratio is exactly {@code ratios[i]}: oldLogProb = 0, logProb = ln r. */
    static PolicyTerms<double[]> withRatios(double[] ratios, double[] advantages, double[] kl) {
        double[] logProb = new double[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            logProb[i] = Math.log(ratios[i]);
        }
        return new PolicyTerms<>(logProb, new double[ratios.length], advantages, kl);
    }

    static PolicyTerms<double[]> withRatios(double[] ratios, double[] advantages) {
        return withRatios(ratios, advantages, new double[ratios.length]);
    }

    /** The surrogate's value, with the objective's current parameters fed. */
    static double value(Objective objective, PolicyTerms<double[]> terms) {
        double[] out = objective.surrogate(new DoubleAlgebra(objective.parameters()), terms);
        if (out.length != 1) {
            throw new AssertionError("surrogate must be a scalar, got length " + out.length);
        }
        return out[0];
    }

    /** ∂L/∂logProb[i] by central finite differences (KL held fixed). */
    static double gradLogProb(Objective objective, PolicyTerms<double[]> terms, int i) {
        double[] plus = terms.logProb().clone();
        double[] minus = terms.logProb().clone();
        plus[i] += H;
        minus[i] -= H;
        double up = value(objective, new PolicyTerms<>(plus, terms.oldLogProb(), terms.advantage(), terms.kl()));
        double down = value(objective, new PolicyTerms<>(minus, terms.oldLogProb(), terms.advantage(), terms.kl()));
        return (up - down) / (2 * H);
    }

    /** A provider's settings block: {@code hocon} over the provider's defaults, as the runner merges them. */
    static Settings settings(Plugin provider, String path, String hocon) {
        return PluginSettings.of(provider, path, hocon);
    }
}
