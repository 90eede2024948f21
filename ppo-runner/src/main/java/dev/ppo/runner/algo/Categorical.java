package dev.ppo.runner.algo;

import dev.ppo.api.distribution.CategoricalDistribution;
import dev.ppo.api.distribution.Scalars;

/** Categorical distribution over {@code n} actions from unnormalized logits. */
public final class Categorical implements ActionDistribution {

    private final int n;
    private final CategoricalDistribution definition;

    public Categorical(int n) {
        this.n = n;
        this.definition = new CategoricalDistribution(n);
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public int parameterSize() {
        return n;
    }

    @Override
    public double sample(float[] params, int pOff, Rng rng, boolean deterministic, float[] action, int aOff) {
        double max = Double.NEGATIVE_INFINITY;
        int argmax = 0;
        for (int i = 0; i < n; i++) {
            if (params[pOff + i] > max) {
                max = params[pOff + i];
                argmax = i;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(params[pOff + i] - max);
        }
        int chosen = argmax;
        if (!deterministic) {
            // inverse CDF; the last action takes any rounding remainder
            double u = rng.nextDouble() * sum;
            chosen = n - 1;
            for (int i = 0; i < n - 1; i++) {
                u -= Math.exp(params[pOff + i] - max);
                if (u < 0) {
                    chosen = i;
                    break;
                }
            }
        }
        action[aOff] = chosen;
        // the one definition of log π (the train step evaluates the same)
        return Scalars.logProb(definition, params, pOff, action, aOff);
    }
}
