package dev.ppo.runner.algo;

import dev.ppo.api.distribution.BetaDistribution;
import dev.ppo.api.distribution.Scalars;

/**
 * Beta policy over a box: parameters are d values α then d values β (≥ 1); an action is
 * low + (high − low)·x with x ~ Beta(α, β) drawn as G_α / (G_α + G_β) from two Gamma variates
 * (Marsaglia and Tsang 2000). The deterministic action is the mean. Actions always lie in the box.
 */
public final class Beta implements ActionDistribution {

    private final int d;
    private final BetaDistribution definition;

    public Beta(BetaDistribution definition) {
        this.d = definition.actionSize();
        this.definition = definition;
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
        for (int j = 0; j < d; j++) {
            double alpha = params[pOff + j];
            double beta = params[pOff + d + j];
            double x;
            if (deterministic) {
                x = alpha / (alpha + beta);
            } else {
                double ga = gamma(alpha, rng);
                x = ga / (ga + gamma(beta, rng));
            }
            x = Math.min(Math.max(x, BetaDistribution.EDGE), 1 - BetaDistribution.EDGE);
            action[aOff + j] = (float) definition.action(j, x);
        }
        // the one definition of log π, evaluated on the stored floats, as the train step will see them
        return Scalars.logProb(definition, params, pOff, action, aOff);
    }

    /** A Gamma(shape, 1) variate for shape ≥ 1 by Marsaglia and Tsang's squeeze-free rejection. */
    static double gamma(double shape, Rng rng) {
        if (!(shape >= 1)) {
            throw new IllegalArgumentException("Beta policy parameters must be >= 1, got " + shape);
        }
        double dd = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * dd);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - rng.nextDouble(); // (0, 1]: log is finite
            if (Math.log(u) < 0.5 * z * z + dd - dd * v + dd * Math.log(v)) {
                return dd * v;
            }
        }
    }
}
