package dev.ppo.runner.algo;

/** Categorical distribution over {@code n} actions from unnormalized logits. */
public final class Categorical implements ActionDistribution {

    private final int n;

    public Categorical(int n) {
        this.n = n;
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
        double logSum = max + Math.log(sum);
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
        return params[pOff + chosen] - logSum;
    }
}
