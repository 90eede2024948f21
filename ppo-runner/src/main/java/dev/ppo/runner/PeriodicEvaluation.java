package dev.ppo.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.env.Env;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.algo.ActionDistribution;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.DurableFiles;
import dev.ppo.runner.io.ScalarLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluation during training, SB3's {@code EvalCallback} with {@code StopTrainingOnRewardThreshold}:
 * every {@code eval.every_steps} environment steps the current policy plays {@code eval.episodes}
 * episodes on an env of its own (episode k reset with {@code eval.seed + k}, never a training env or
 * seed), deterministically unless {@code eval.deterministic = false}. Each result is a row of
 * {@code RUN_DIR/evaluations.jsonl}; the best policy so far is kept in {@code RUN_DIR/best/} (a model
 * directory: {@code bin/ppo eval RUN_DIR/best}); with {@code eval.stop_at_return} set, training stops
 * once an evaluation reaches it. Evaluating uses no training randomness, so a resumed run still
 * repeats an uninterrupted one.
 */
final class PeriodicEvaluation implements AutoCloseable {

    static final String LOG = "evaluations";
    static final String BEST = "best";

    private final long everySteps;
    private final Double stopAtReturn;
    private final int episodes;
    private final long seed;
    private final boolean deterministic;
    private Path runDir;
    private ScalarLog log;
    private Env env;
    private long nextAt;
    private double best = Double.NEGATIVE_INFINITY;
    private Evaluation reached;

    /** Checks the {@code eval} block; nothing is written before {@link #open}. */
    PeriodicEvaluation(Settings eval) {
        this.everySteps = eval.config().getLong("every_steps");
        if (everySteps < 0) {
            throw eval.invalid("every_steps", everySteps, "must be >= 0 (0 = no evaluation during training)");
        }
        this.stopAtReturn = eval.config().getIsNull("stop_at_return") ? null : eval.getDouble("stop_at_return");
        if (stopAtReturn != null && everySteps == 0) {
            throw eval.invalid("stop_at_return", stopAtReturn, "needs eval.every_steps > 0 (the return is"
                    + " that of the evaluations during training)");
        }
        this.episodes = eval.intAtLeast("episodes", 1);
        this.seed = eval.getLong("seed");
        this.deterministic = eval.getBoolean("deterministic");
        // checked here, before the run starts, though only a Policy built from the run uses it
        eval.oneOf("deterministic_action", ActionDistribution.DETERMINISTIC_ACTIONS);
        this.nextAt = Long.MAX_VALUE;
    }

    /**
     * Starts evaluating after {@code step}, the global step training starts (or resumes) from.
     *
     * @param runDir null without a run directory (nothing is logged or kept, results still count)
     * @param step   a resumed run's checkpoint step: later rows of the log are dropped and the best so
     *               far is read back from it; 0 for a new run
     */
    void open(Path runDir, long step) {
        this.runDir = runDir;
        if (everySteps == 0) {
            return;
        }
        nextAt = (step / everySteps + 1) * everySteps;
        if (runDir != null && log == null) {
            log = new ScalarLog(runDir, LOG, "jsonl", "global_step", step);
            best = bestLogged(runDir.resolve(LOG + ".jsonl"));
        }
    }

    boolean enabled() {
        return everySteps > 0;
    }

    /**
     * Evaluates when {@code globalStep} has reached the next multiple of {@code every_steps};
     * {@code saveBest} writes the policy into the directory it is given.
     *
     * @return the evaluation, or null when none was due
     */
    Evaluation afterIteration(long globalStep, double elapsedSeconds, Policy policy, Consumer<Path> saveBest) {
        if (globalStep < nextAt) {
            return null;
        }
        nextAt = (globalStep / everySteps + 1) * everySteps;
        if (env == null) {
            env = policy.newEnv();
        }
        Evaluation result = Evaluation.run(policy, env, episodes, seed, deterministic);
        boolean improved = result.mean() > best;
        if (improved) {
            best = result.mean();
            if (runDir != null) {
                replaceBest(saveBest);
            }
        }
        if (log != null) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("global_step", globalStep);
            row.put("time_s", Math.round(elapsedSeconds * 1e3) / 1e3);
            row.put("mean_return", result.mean());
            row.put("std_return", result.std());
            row.put("episodes", result.episodes());
            row.put("best_mean_return", best);
            row.put("new_best", improved);
            log.write(row);
        }
        if (stopAtReturn != null && result.mean() >= stopAtReturn) {
            reached = result;
        }
        return result;
    }

    /** The evaluation that reached {@code eval.stop_at_return}, or null. */
    Evaluation reached() {
        return reached;
    }

    Double stopAtReturn() {
        return stopAtReturn;
    }

    /** The best mean return so far, or −∞. */
    double best() {
        return best;
    }

    /** Writes the new best beside the old one, then swaps them, so some best model always exists. */
    private void replaceBest(Consumer<Path> saveBest) {
        Path target = runDir.resolve(BEST);
        Path fresh = runDir.resolve("." + BEST + ".new");
        Path old = runDir.resolve("." + BEST + ".old");
        try {
            DurableFiles.deleteRecursively(fresh);
            saveBest.accept(fresh);
            DurableFiles.deleteRecursively(old);
            if (Files.exists(target)) {
                DurableFiles.move(target, old);
            }
            DurableFiles.move(fresh, target);
            DurableFiles.fsyncDirectory(runDir);
            DurableFiles.deleteRecursively(old);
        } catch (IOException e) {
            throw new PpoException("cannot keep the best model in " + target + ": " + e.getMessage(), e);
        }
    }

    private static double bestLogged(Path file) {
        double best = Double.NEGATIVE_INFINITY;
        if (!Files.exists(file)) {
            return best;
        }
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode row = json.readTree(line);
                    best = Math.max(best, row.path("mean_return").asDouble(Double.NEGATIVE_INFINITY));
                }
            }
        } catch (IOException e) {
            throw new PpoException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return best;
    }

    @Override
    public void close() {
        if (env != null) {
            env.close();
        }
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
