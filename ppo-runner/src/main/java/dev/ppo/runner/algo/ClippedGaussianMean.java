package dev.ppo.runner.algo;

import dev.ppo.api.space.Box;

/**
 * A diagonal Gaussian policy whose deterministic action is the mean of the <em>clipped</em>
 * Gaussian, {@code E[clip(μ + σz, low, high)]}, instead of {@code clip(μ)}: the action the env
 * received on average while the policy trained, since the env only ever sees clipped samples
 * (Fujita and Maeda 2018, "Clipped Action Policy Gradient", treat the clipped Gaussian as the policy).
 * The two differ where μ sits near a bound: at μ = low, {@code clip(μ)} is {@code low} but the
 * clipped mean is {@code low + 0.40σ}. A CarRacing policy whose gas and brake means hover at 0 drives
 * differently by that margin (docs/results/carracing). Sampling is the Gaussian's own.
 *
 * <p>Computed with {@link StrictMath}, so a deterministic eval gives the same bits on every JVM.
 */
public final class ClippedGaussianMean implements ActionDistribution {

    private final DiagGaussian gaussian;
    private final float[] low;
    private final float[] high;

    public ClippedGaussianMean(Box box) {
        this.gaussian = new DiagGaussian(box.flatSize());
        this.low = box.low();
        this.high = box.high();
    }

    @Override
    public int actionSize() {
        return gaussian.actionSize();
    }

    @Override
    public int parameterSize() {
        return gaussian.parameterSize();
    }

    @Override
    public double sample(float[] params, int pOff, Rng rng, boolean deterministic, float[] action, int aOff) {
        if (!deterministic) {
            return gaussian.sample(params, pOff, rng, false, action, aOff);
        }
        int d = actionSize();
        for (int i = 0; i < d; i++) {
            action[aOff + i] = (float) clippedMean(params[pOff + i], StrictMath.exp(params[pOff + d + i]), low[i], high[i]);
        }
        return gaussian.logProb(params, pOff, action, aOff);
    }

    /** {@code E[clip(X, lo, hi)]} for {@code X ~ N(mean, std²)}; bounds may be infinite. */
    static double clippedMean(double mean, double std, double lo, double hi) {
        if (!(std > 0) || Double.isInfinite(std)) {
            return Math.min(Math.max(mean, lo), hi);
        }
        double a = (lo - mean) / std;
        double b = (hi - mean) / std;
        // inside: μ·P(lo < X < hi) + σ·(φ(a) − φ(b)); at the bounds: lo·P(X ≤ lo) + hi·P(X ≥ hi)
        double e = mean * (cdf(b) - cdf(a)) + std * (pdf(a) - pdf(b));
        if (!Double.isInfinite(lo)) {
            e += lo * cdf(a);
        }
        if (!Double.isInfinite(hi)) {
            e += hi * cdf(-b);
        }
        return Math.min(Math.max(e, lo), hi);
    }

    /** The standard normal density. */
    private static double pdf(double x) {
        return Double.isInfinite(x) ? 0 : StrictMath.exp(-0.5 * x * x) / StrictMath.sqrt(2 * StrictMath.PI);
    }

    /** The standard normal distribution function Φ(x) = erfc(−x/√2)/2. */
    static double cdf(double x) {
        return 0.5 * erfc(-x / StrictMath.sqrt(2));
    }

    /**
     * The complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere
     * (Press et al., Numerical Recipes, "erfcc"): far below a float action's resolution.
     */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * StrictMath.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
