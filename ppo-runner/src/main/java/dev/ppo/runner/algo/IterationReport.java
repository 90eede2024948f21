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
                              Map<String, Double> objectiveParameters, double stepsPerSecond) {

    /** Mean return of the episodes that finished during the iteration, NaN if none did. */
    public double meanEpisodeReturn() {
        return episodes.stream().mapToDouble(Episode::episodeReturn).average().orElse(Double.NaN);
    }

    /** Mean length of the episodes that finished during the iteration, NaN if none did. */
    public double meanEpisodeLength() {
        return episodes.stream().mapToInt(Episode::length).average().orElse(Double.NaN);
    }
}
