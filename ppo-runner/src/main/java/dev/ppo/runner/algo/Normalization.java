package dev.ppo.runner.algo;

import dev.ppo.api.backend.PolicyExport;

/**
 * Running observation normalization and reward scaling, Stable-Baselines3's {@code VecNormalize}:
 * observations become {@code clip((o − μ) / √(σ² + ε), ±clipObservations)}; rewards are divided by
 * the running standard deviation of the discounted return and clipped to ±clipRewards. The
 * statistics are learned while training, frozen for evaluation, and saved in checkpoints with the
 * weights, since a policy is meaningless without the normalization it was trained under.
 */
public final class Normalization {

    private static final double EPSILON = 1e-8;

    private final boolean observations;
    private final boolean rewards;
    private final double clipObservations;
    private final double clipRewards;
    private final double gamma;
    private final RunningMeanStd observationStats;
    private final RunningMeanStd returnStats;
    private double[] discountedReturns = new double[0];

    public Normalization(int observationSize, boolean observations, boolean rewards, double clipObservations,
                         double clipRewards, double gamma) {
        this(observations, rewards, clipObservations, clipRewards, gamma, new RunningMeanStd(observationSize),
                new RunningMeanStd(1));
    }

    private Normalization(boolean observations, boolean rewards, double clipObservations, double clipRewards,
                          double gamma, RunningMeanStd observationStats, RunningMeanStd returnStats) {
        this.observations = observations;
        this.rewards = rewards;
        this.clipObservations = clipObservations;
        this.clipRewards = clipRewards;
        this.gamma = gamma;
        this.observationStats = observationStats;
        this.returnStats = returnStats;
    }

    /**
     * What a checkpoint saves.
     *
     * @param discountedReturns each env's running discounted return (reward scaling), so a resumed run
     *                          scales exactly as the uninterrupted one; null in older checkpoints
     */
    public record State(boolean observations, boolean rewards, double clipObservations, double clipRewards,
                        double gamma, RunningMeanStd.State observationStats, RunningMeanStd.State returnStats,
                        double[] discountedReturns) {
    }

    public State state() {
        return new State(observations, rewards, clipObservations, clipRewards, gamma, observationStats.state(),
                returnStats.state(), discountedReturns.clone());
    }

    public static Normalization restore(State s) {
        Normalization n = new Normalization(s.observations(), s.rewards(), s.clipObservations(), s.clipRewards(),
                s.gamma(), new RunningMeanStd(s.observationStats()), new RunningMeanStd(s.returnStats()));
        if (s.discountedReturns() != null) {
            n.discountedReturns = s.discountedReturns().clone();
        }
        return n;
    }

    /** The observation normalization an exported policy applies (rewards matter in training only). */
    public PolicyExport export(String format) {
        if (!observations) {
            return new PolicyExport(format, null, null, 0);
        }
        int dim = observationStats.dim();
        float[] mean = new float[dim];
        float[] std = new float[dim];
        for (int i = 0; i < dim; i++) {
            mean[i] = (float) observationStats.mean(i);
            std[i] = (float) Math.sqrt(observationStats.var(i) + EPSILON);
        }
        return new PolicyExport(format, mean, std, clipObservations);
    }

    /** Learns from {@code n} raw observations (training only). */
    public void observe(float[] raw, int n) {
        if (observations) {
            observationStats.update(raw, n);
        }
    }

    /** The normalized copy of {@code n} raw observations (the input itself when disabled). */
    public float[] normalize(float[] raw, int n) {
        if (!observations) {
            return raw;
        }
        int dim = observationStats.dim();
        float[] out = new float[n * dim];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dim; i++) {
                double z = (raw[r * dim + i] - observationStats.mean(i)) / Math.sqrt(observationStats.var(i) + EPSILON);
                out[r * dim + i] = (float) Math.max(-clipObservations, Math.min(clipObservations, z));
            }
        }
        return out;
    }

    /**
     * Scales one step's rewards of all envs (training only): updates each env's discounted return,
     * learns its variance, divides by its standard deviation and clips; an ended episode restarts its
     * return.
     */
    public void scaleRewards(double[] rewardsInOut, boolean[] episodeEnded) {
        if (!rewards) {
            return;
        }
        int n = rewardsInOut.length;
        if (discountedReturns.length != n) {
            discountedReturns = new double[n];
        }
        for (int i = 0; i < n; i++) {
            discountedReturns[i] = discountedReturns[i] * gamma + rewardsInOut[i];
        }
        returnStats.update(discountedReturns, n);
        double std = Math.sqrt(returnStats.var(0) + EPSILON);
        for (int i = 0; i < n; i++) {
            rewardsInOut[i] = Math.max(-clipRewards, Math.min(clipRewards, rewardsInOut[i] / std));
            if (episodeEnded[i]) {
                discountedReturns[i] = 0;
            }
        }
    }
}
