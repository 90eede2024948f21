package dev.ppo.runner.algo;

import dev.ppo.api.distribution.DiagGaussianDistribution;
import dev.ppo.api.distribution.Scalars;

/**
 * Diagonal Gaussian over {@code d} dimensions; parameters are {@code d} means then {@code d}
 * log standard deviations. Actions are returned unclipped: the env wrapper clips only what the
 * env receives, so the stored action matches its log-probability.
 */
public final class DiagGaussian implements ActionDistribution {

    private final int d;
    private final DiagGaussianDistribution definition;

    public DiagGaussian(int d) {
        this.d = d;
        this.definition = new DiagGaussianDistribution(d);
    }

    @Override
    public int actionSize() {
        return d;
    }

    @Override
    public int parameterSize() {
        return 2 * d;
    }

    @Override
    public double sample(float[] params, int pOff, Rng rng, boolean deterministic, float[] action, int aOff) {
        for (int i = 0; i < d; i++) {
            double mean = params[pOff + i];
            double logStd = params[pOff + d + i];
            double z = deterministic ? 0 : rng.nextGaussian();
            action[aOff + i] = (float) (mean + Math.exp(logStd) * z);
        }
        // the one definition of log π, evaluated on the stored floats, as the train step will see them
        return logProb(params, pOff, action, aOff);
    }

    /** log π of the action at {@code action[aOff..]} under the parameters at {@code params[pOff..]}. */
    double logProb(float[] params, int pOff, float[] action, int aOff) {
        return Scalars.logProb(definition, params, pOff, action, aOff);
    }
}
