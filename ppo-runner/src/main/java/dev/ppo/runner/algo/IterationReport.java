package dev.ppo.runner.algo;

import dev.ppo.api.backend.TrainStats;
import java.util.List;
import java.util.Map;

/**
 * What one PPO iteration did, for logs, metrics and the progress bar. {@code update} holds every
 * term of the loss ({@link dev.ppo.api.objective.PpoLoss.Term}), means over the train steps of the
 * last epoch run.
 */
public record IterationReport(int iteration, long globalStep, List<Episode> episodes, TrainStats update,
                              double explainedVariance, double learningRate, int epochsRun,
                              Map<String, Double> objectiveParameters, double stepsPerSecond, Timing timing) {

    public double policyObjective() {
        return update.policyObjective();
    }

    public double valueLoss() {
        return update.valueLoss();
    }

    public double entropy() {
        return update.entropy();
    }

    public double kl() {
        return update.kl();
    }

    public double approxKl() {
        return update.approxKl();
    }

    public double clipFraction() {
        return update.clipFraction();
    }

    public double gradNorm() {
        return update.gradNorm();
    }

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
