package dev.ppo.runner.algo;

/**
 * Running mean and variance of vectors, merged batch by batch with the parallel algorithm of
 * Chan et al. (as Stable-Baselines3's {@code RunningMeanStd}).
 */
public final class RunningMeanStd {

    private final double[] mean;
    private final double[] var;
    private double count;

    /** Starts at mean 0, variance 1 and a tiny count, as SB3 does, so the first batch dominates. */
    public RunningMeanStd(int dim) {
        mean = new double[dim];
        var = new double[dim];
        java.util.Arrays.fill(var, 1.0);
        count = 1e-4;
    }

    public RunningMeanStd(State state) {
        mean = state.mean().clone();
        var = state.var().clone();
        count = state.count();
    }

    /** The statistics as saved in checkpoints. */
    public record State(double[] mean, double[] var, double count) {
    }

    public State state() {
        return new State(mean.clone(), var.clone(), count);
    }

    public int dim() {
        return mean.length;
    }

    public double mean(int i) {
        return mean[i];
    }

    public double var(int i) {
        return var[i];
    }

    /** Merges {@code n} rows of {@code values} (row-major, {@link #dim()} columns). */
    public void update(float[] values, int n) {
        update(values, null, n);
    }

    /** Merges {@code n} values given as doubles (one column). */
    public void update(double[] values, int n) {
        update(null, values, n);
    }

    private void update(float[] f, double[] d, int n) {
        int dim = mean.length;
        for (int i = 0; i < dim; i++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += f != null ? f[r * dim + i] : d[r * dim + i];
            }
            double batchMean = sum / n;
            double sq = 0;
            for (int r = 0; r < n; r++) {
                double x = (f != null ? f[r * dim + i] : d[r * dim + i]) - batchMean;
                sq += x * x;
            }
            double batchVar = sq / n;
            double delta = batchMean - mean[i];
            double total = count + n;
            mean[i] += delta * n / total;
            var[i] = (var[i] * count + batchVar * n + delta * delta * count * n / total) / total;
        }
        count += n;
    }
}
