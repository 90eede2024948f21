package dev.ppo.runner.algo;

import dev.ppo.api.metrics.IterationScalars;
import java.util.LinkedHashMap;

import dev.ppo.api.backend.TrainStats;
import java.util.List;
import java.util.Map;

/**
 * What one PPO iteration did, for logs, metrics and the progress bar. {@code update} holds every
 * term of the loss ({@link dev.ppo.api.objective.PpoLoss.Term}), means over the train steps of the
 * last epoch run. {@code workers} is how many rollout-worker JVMs collected the iteration (0: the
 * learner alone), {@code slotsMoved} how many env slots moved because a worker left.
 */
public record IterationReport(int iteration, long globalStep, List<Episode> episodes, TrainStats update,
                              double explainedVariance, double learningRate, int epochsRun,
                              Map<String, Double> objectiveParameters, double stepsPerSecond, Timing timing,
                              int workers, int slotsMoved) {

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
     * K epochs of train steps). The rest is bookkeeping. Acting and stepping are summed over the JVMs
     * that collected; {@code collectSeconds} is the learner's wall time waiting for the rollout (with
     * rollout workers, its idle time).
     */
    public record Timing(double actSeconds, double envSeconds, double updateSeconds, double collectSeconds) {
        public static final Timing NONE = new Timing(0, 0, 0, 0);
    }

    /** Mean return of the episodes that finished during the iteration, NaN if none did. */
    public double meanEpisodeReturn() {
        return episodes.stream().mapToDouble(Episode::episodeReturn).average().orElse(Double.NaN);
    }

    /** Mean length of the episodes that finished during the iteration, NaN if none did. */
    public double meanEpisodeLength() {
        return episodes.stream().mapToInt(Episode::length).average().orElse(Double.NaN);
    }

    /**
     * The iteration's named scalars, the one place they are named: every sink (scalars.jsonl,
     * TensorBoard, OpenTelemetry, the progress bar) gets exactly these, in this order.
     *
     * @param elapsedSeconds the run's training time so far
     */
    public IterationScalars scalars(double elapsedSeconds) {
        Map<String, Number> row = new LinkedHashMap<>();
        row.put("iteration", iteration);
        row.put("global_step", globalStep);
        row.put("time_s", round(elapsedSeconds));
        row.put("episodes", episodes.size());
        row.put("episode_return", round(meanEpisodeReturn()));
        row.put("episode_length", round(meanEpisodeLength()));
        // every term of the loss, by its name (PpoLoss.Term): a new term needs no change here
        update.terms().forEach((term, value) -> row.put(term.key(), round(value)));
        row.put("explained_variance", round(explainedVariance));
        row.put("grad_norm", round(gradNorm()));
        row.put("learning_rate", learningRate);
        row.put("epochs", epochsRun);
        row.put("beta", objectiveParameters.getOrDefault("kl_beta", Double.NaN));
        row.put("clip_epsilon", objectiveParameters.getOrDefault("clip_epsilon", Double.NaN));
        row.put("sps", Math.round(stepsPerSecond));
        row.put("time_act_s", round(timing.actSeconds()));
        row.put("time_env_s", round(timing.envSeconds()));
        row.put("time_update_s", round(timing.updateSeconds()));
        row.put("time_collect_s", round(timing.collectSeconds()));
        row.put("workers", workers);
        row.put("slots_moved", slotsMoved);
        return new IterationScalars(iteration, globalStep, row, episodes.stream()
                .map(e -> new IterationScalars.FinishedEpisode(e.globalStep(), e.episodeReturn(), e.length())).toList());
    }

    /** Six decimals: the logs stay readable and diffable. */
    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }
}
