package dev.ppo.runner.algo;

/**
 * Diagonal Gaussian over {@code d} dimensions; parameters are {@code d} means then {@code d}
 * log standard deviations. Actions are returned unclipped: the env wrapper clips only what the
 * env receives, so the stored action matches its log-probability.
 */
public final class DiagGaussian implements ActionDistribution {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final int d;

    public DiagGaussian(int d) {
        this.d = d;
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
        double logProb = 0;
        for (int i = 0; i < d; i++) {
            double mean = params[pOff + i];
            double logStd = params[pOff + d + i];
            double z = deterministic ? 0 : rng.nextGaussian();
            float a = (float) (mean + Math.exp(logStd) * z);
            action[aOff + i] = a;
            // log N(a; mean, std) evaluated on the stored float, as the train graph will see it
            double zf = (a - mean) / Math.exp(logStd);
            logProb += -0.5 * zf * zf - logStd - HALF_LOG_2PI;
        }
        return logProb;
    }
}
