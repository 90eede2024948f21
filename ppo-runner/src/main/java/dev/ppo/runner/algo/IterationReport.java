package dev.ppo.runner.algo;

import java.util.List;
import java.util.Map;

/**
 * What one PPO iteration did, for logs, metrics and the progress bar. Loss figures are means over
 * the train steps of the last epoch run.
 */
public record IterationReport(int iteration, long globalStep, List<Episode> episodes, double policyObjective,
                              double valueLoss, double entropy, double kl, double approxKl, double clipFraction,
                              double explainedVariance, double gradNorm, double learningRate, int epochsRun,
                              Map<String, Double> objectiveParameters, double stepsPerSecond, Timing timing) {

    /**
     * Where the iteration's wall time went: acting (the policy's forward pass and sampling for all
     * envs), stepping the envs (physics and, for pixel envs, rendering), and the update (GAE and the
     * K epochs of train steps). The rest is bookkeeping.
     */
    public record Timing(double actSeconds, double envSeconds, double updateSeconds) {
        public static final Timing NONE = new Timing(0, 0, 0);
    }

    /** Mean return of the episodes that finished during the iteration, NaN if none did. */
    public double meanEpisodeReturn() {
        return episodes.stream().mapToDouble(Episode::episodeReturn).average().orElse(Double.NaN);
    }

    /** Mean length of the episodes that finished during the iteration, NaN if none did. */
    public double meanEpisodeLength() {
        return episodes.stream().mapToInt(Episode::length).average().orElse(Double.NaN);
    }
}
