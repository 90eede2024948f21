package dev.ppo.runner;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.typesafe.config.Config;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.space.Box;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.metrics.IterationScalars;
import dev.ppo.api.metrics.ScalarSink;
import dev.ppo.api.metrics.ScalarSinkProvider;
import dev.ppo.api.metrics.SinkContext;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.algo.ActionDistribution;
import dev.ppo.runner.algo.IterationReport;
import dev.ppo.runner.algo.PpoAlgorithm;
import dev.ppo.runner.algo.Rollouts;
import dev.ppo.runner.config.PpoConfig;
import dev.ppo.runner.error.NonFiniteException;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.CheckpointStore;
import dev.ppo.runner.io.CrashPoint;
import dev.ppo.runner.io.DurableFiles;
import dev.ppo.runner.io.OptimizerSlots;
import dev.ppo.runner.io.Progress;
import dev.ppo.runner.io.RunDirectory;
import dev.ppo.runner.io.RecentReturns;
import dev.ppo.runner.io.RunLog;
import dev.ppo.runner.io.Telemetry;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import dev.ppo.runner.wiring.EnvFactory;
import dev.ppo.runner.wiring.PluginCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Trains one configuration: runs {@link PpoAlgorithm} iterations until {@code ppo.total_timesteps},
 * and, when given a run directory, writes the resolved config, per-iteration scalars and
 * checkpoints there. Create with {@link Ppo#trainer}.
 */
public final class Trainer implements AutoCloseable {

    /** Where the {@code logging} metrics exporter writes in a run directory. */
    static final String METRICS_LOG = "metrics.log";

    private final Config config;
    private final Injector injector;
    private final PluginRegistry registry;
    private final PpoConfig ppo;
    private final List<Consumer<IterationReport>> listeners = new ArrayList<>();
    private final List<Predicate<IterationReport>> stopConditions = new ArrayList<>();
    private Path runDir;
    private RunDirectory claimed;
    private final RecentReturns recentReturns = new RecentReturns();
    private Summary summary;
    private Path lastGoodCheckpoint;
    private CheckpointStore.Checkpoint resumeFrom;
    private PpoAlgorithm algorithm;
    private Backend backend;

    Trainer(Config config, Injector injector, PluginRegistry registry) {
        this.config = config;
        this.injector = injector;
        this.registry = registry;
        this.ppo = Ppo.instance(injector, Key.get(PpoConfig.class));
    }

    /** Writes config, scalars and checkpoints under {@code dir} (created if needed). */
    public Trainer runDirectory(Path dir) {
        this.runDir = dir;
        return this;
    }

    /** Continues from a checkpoint instead of starting afresh (the CLI's {@code train --resume}). */
    Trainer resumeFrom(CheckpointStore.Checkpoint checkpoint) {
        this.resumeFrom = checkpoint;
        return this;
    }

    /** Called after every iteration, e.g. to watch the return. */
    public Trainer onIteration(Consumer<IterationReport> listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Stops training after the first iteration for which {@code condition} holds (SB3's callback
     * returning False), with a checkpoint of that iteration; the summary says why it stopped.
     */
    public Trainer stopWhen(Predicate<IterationReport> condition) {
        stopConditions.add(condition);
        return this;
    }

    public Config config() {
        return config;
    }

    /** Trains until {@code ppo.total_timesteps} environment steps have been taken. */
    public void learn() {
        learn(Long.MAX_VALUE);
    }

    /**
     * Trains for about {@code steps} more environment steps (whole iterations, at least one), or
     * until {@code ppo.total_timesteps}, whichever comes first; schedules (learning-rate annealing)
     * still run over {@code ppo.total_timesteps}. Like SB3's {@code learn(total_timesteps)} called
     * repeatedly with {@code reset_num_timesteps=False}.
     */
    public void learn(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        // every plugin is built and every setting checked before the run directory is touched
        PpoAlgorithm algo = algorithm();
        Backend backend = backend();
        long seed = new Settings("", config).getLong("seed");
        Settings run = new Settings("run", config.getConfig("run"));
        int checkpointEvery = run.intAtLeast("checkpoint_every", 1);
        int keepCheckpoints = run.intAtLeast("keep_checkpoints", 1);
        String logFormat = run.oneOf("log_format", List.of("jsonl", "csv"));
        boolean progress = run.getBoolean("progress");
        List<PluginRegistry.Selected<ScalarSinkProvider>> sinkPlugins = registry.selectAll(PluginType.SINK, config,
                "tensorboard");
        PeriodicEvaluation evaluation = new PeriodicEvaluation(new Settings("eval", config.getConfig("eval")));
        if (resumeFrom != null) {
            checkResumable(resumeFrom);
        }
        Telemetry telemetry = Telemetry.create(new Settings("metrics", config.getConfig("metrics")), Map.of(
                "ppo.run.id", runDir == null ? "embedded" : runDir.toAbsolutePath().normalize().getFileName().toString(),
                "ppo.env", config.getString("env.name"), "ppo.objective", config.getString("objective.name"),
                "ppo.backend", config.getString("backend.name")));
        try (telemetry) {
            if (runDir != null && claimed == null) {
                // owned before anything is written to it: a refusal leaves the directory as it was
                claimed = resumeFrom != null ? RunDirectory.claimExisting(runDir) : RunDirectory.claimNew(runDir);
            }
            if (runDir != null) {
                logMetricsTo(telemetry, runDir.resolve(METRICS_LOG));
                writeConfig();
            }
            int resumedAt = 0;
            long resumedStep = 0;
            if (resumeFrom != null) {
                importInto(backend, resumeFrom);
                if (!algo.restore(resumeFrom.state(), seed)) {
                    System.err.println("note: the env '" + config.getString("env.name") + "' does not declare itself "
                            + "deterministic (or the checkpoint predates episode replay): the resumed run starts "
                            + "fresh episodes, so it will not repeat the uninterrupted run exactly");
                }
                resumedAt = resumeFrom.state().iteration();
                resumedStep = resumeFrom.state().globalStep();
                lastGoodCheckpoint = resumeFrom.dir();
                resumeFrom = null;
            }
            CheckpointStore checkpoints = runDir == null ? null : new CheckpointStore(runDir, keepCheckpoints);
            long stepsAtStart = algo.globalStep();
            double secondsAtStart = algo.elapsedSeconds();
            evaluation.open(runDir, stepsAtStart);
            Policy policy = evaluation.enabled() ? policy() : null;
            String stopReason = null;
            try (evaluation; Sinks sinks = openSinks(logFormat, progress, telemetry.startingAt(stepsAtStart),
                    sinkPlugins, resumedAt, resumedStep, ppo.numIterations() * (long) ppo.batchSize(), stepsAtStart)) {
                while (!algo.done()) {
                    IterationReport report;
                    try {
                        report = algo.iterate();
                    } catch (PpoException e) {
                        throw stopped(e, algo.iteration() + 1);
                    }
                    IterationScalars scalars = report.scalars(algo.elapsedSeconds());
                    sinks.write(scalars);
                    recentReturns.add(scalars);
                    listeners.forEach(l -> l.accept(report));
                    evaluation.afterIteration(report.globalStep(), algo.elapsedSeconds(), policy, d -> policy.save(d));
                    if (evaluation.reached() != null) {
                        stopReason = String.format(java.util.Locale.ROOT, "evaluation return %.2f reached"
                                + " eval.stop_at_return = %s at step %,d", evaluation.reached().mean(),
                                evaluation.stopAtReturn(), report.globalStep());
                    } else if (stopConditions.stream().anyMatch(c -> c.test(report))) {
                        stopReason = "a stopWhen condition held after iteration " + report.iteration();
                    } else if (algo.globalStep() - stepsAtStart >= steps && !algo.done()) {
                        stopReason = "learn(" + steps + ") took its steps";
                    }
                    CrashPoint.reach("after-iteration-" + report.iteration());
                    if (checkpoints != null && (algo.done() || stopReason != null
                            || report.iteration() % checkpointEvery == 0)) {
                        List<VariableState> variables = backend.exportVariables();
                        checkFinite(variables, report.iteration());
                        checkpoints.save(config, variables, algo.state());
                        lastGoodCheckpoint = runDir.resolve("checkpoints").resolve(
                                CheckpointStore.checkpointName(report.iteration()));
                    }
                    summary = new Summary(algo.globalStep() - stepsAtStart, algo.elapsedSeconds() - secondsAtStart,
                            algo.globalStep(), recentReturns.mean(), recentReturns.count(), runDir, lastGoodCheckpoint,
                            evaluation.best(), stopReason);
                    if (stopReason != null) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * What the last {@link #learn()} did, for the CLI's closing lines.
     *
     * @param steps            env steps taken by this call
     * @param seconds          training time of this call (start-up excluded)
     * @param totalSteps       env steps of the run so far
     * @param recentMeanReturn mean return of the last (up to 20) finished episodes, NaN if none
     * @param lastCheckpoint   null without a run directory
     * @param bestEvalReturn   the best mean return of the evaluations during training (eval.every_steps),
     *                         −∞ when there were none
     * @param stopReason       why training stopped before ppo.total_timesteps, or null
     */
    public record Summary(long steps, double seconds, long totalSteps, double recentMeanReturn, int recentEpisodes,
                          Path runDir, Path lastCheckpoint, double bestEvalReturn, String stopReason) {
    }

    /** The summary of the last {@link #learn()}, or null before one finished an iteration. */
    public Summary summary() {
        return summary;
    }

    /**
     * Refuses a resume that cannot continue the run: a different number of envs or steps per
     * iteration (the schedules and the saved episodes assume the old ones), another policy family
     * over a Box, or nothing left to train.
     */
    private void checkResumable(CheckpointStore.Checkpoint checkpoint) {
        for (String key : List.of("num_envs", "num_steps")) {
            String path = "ppo." + key;
            if (checkpoint.config().hasPath(path) && checkpoint.config().getInt(path) != config.getInt(path)) {
                throw new PpoException("cannot change " + path + " on resume (the run has " + checkpoint.config()
                        .getInt(path) + ", the override asks for " + config.getInt(path) + "): the schedules and "
                        + "the saved episodes depend on it; start a new run instead");
            }
        }
        // a checkpoint written before the key existed had a Gaussian policy; a Discrete env ignores the key
        String family = "ppo.box_distribution";
        String saved = checkpoint.config().hasPath(family) ? checkpoint.config().getString(family) : "gaussian";
        if (!saved.equals(config.getString(family))
                && Ppo.instance(injector, Key.get(ModelSpec.class)).actionSpace() instanceof Box) {
            throw new PpoException("cannot change " + family + " on resume (the run has " + saved
                    + ", the override asks for " + config.getString(family) + "): the policy head's weights"
                    + " have another shape; start a new run instead");
        }
        long done = checkpoint.state().globalStep();
        if (checkpoint.state().iteration() >= ppo.numIterations()) {
            throw new PpoException("the run in " + runDir + " has already taken " + done + " of its "
                    + ppo.totalTimesteps() + " steps; to train longer, resume with --set ppo.total_timesteps=N (N > "
                    + done + ")");
        }
    }

    /** Stops the run when the weights went NaN or infinite, before they can be checkpointed. */
    private void checkFinite(List<VariableState> variables, int iteration) {
        for (VariableState v : variables) {
            for (float f : v.values()) {
                if (!Float.isFinite(f)) {
                    throw stopped(new NonFiniteException("the model variable " + v.name() + " went " + f
                            + " after iteration " + iteration), iteration);
                }
            }
        }
    }

    /** {@code cause} with where the run stopped and the last good checkpoint to continue from. */
    private PpoException stopped(PpoException cause, int iteration) {
        String message = (cause instanceof NonFiniteException ? "training stopped: " : "") + cause.getMessage()
                + (cause.getMessage().contains("iteration") ? "" : " (iteration " + iteration + ")");
        if (runDir != null) {
            message += lastGoodCheckpoint == null ? "; no checkpoint was written yet"
                    : "; the last good checkpoint is " + lastGoodCheckpoint
                    + (cause instanceof NonFiniteException ? " (nothing non-finite was saved)" : "");
        }
        return cause instanceof NonFiniteException ? new NonFiniteException(message) : new PpoException(message, cause);
    }

    /**
     * Every sink of the run's scalars, fed the same {@link IterationScalars} each iteration: the run
     * log ({@code scalars.jsonl}, with a run directory), OpenTelemetry ({@code metrics}), the progress
     * display ({@code run.progress}) and the plugins of {@code run.sinks}. With plugins, the last
     * iteration sent is marked in {@code RUN_DIR/.sinks-sent} before any sink gets it, so after a kill
     * the plugins that only append (TensorBoard) are told what they already have
     * ({@link SinkContext#alreadySentUpTo}); mark null: nothing to mark.
     */
    private record Sinks(List<ScalarSink> sinks, Path mark) implements AutoCloseable {

        void write(IterationScalars scalars) {
            if (mark != null) {
                try {
                    Path tmp = mark.resolveSibling(mark.getFileName() + ".tmp");
                    Files.writeString(tmp, scalars.iteration() + "\n", StandardCharsets.UTF_8);
                    DurableFiles.move(tmp, mark);
                } catch (IOException e) {
                    throw new PpoException("cannot write " + mark + ": " + e.getMessage(), e);
                }
            }
            for (ScalarSink sink : sinks) {
                sink.write(scalars);
                sink.flush();
            }
        }

        /** The last iteration a previous process sent, 0 if none. */
        static int sentUpTo(Path mark) {
            try {
                return mark != null && Files.exists(mark) ? Integer.parseInt(Files.readString(mark).trim()) : 0;
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }

        @Override
        public void close() {
            sinks.forEach(ScalarSink::close);
        }
    }

    private Sinks openSinks(String logFormat, boolean progress, Telemetry telemetry,
                            List<PluginRegistry.Selected<ScalarSinkProvider>> plugins, int resumedAt, long resumedStep,
                            long totalSteps, long startStep) {
        Path mark = runDir == null || plugins.isEmpty() ? null : runDir.resolve(".sinks-sent");
        List<ScalarSink> sinks = new ArrayList<>();
        long logged = 0;
        if (runDir != null) {
            RunLog log = new RunLog(logFormat, runDir, resumedAt, resumedStep);
            logged = log.iterationsLoggedBefore();
            sinks.add(log);
        }
        // a killed run sent at least what it logged (a run from before the mark has no mark)
        int sentUpTo = (int) Math.max(Sinks.sentUpTo(mark), logged);
        sinks.add(telemetry);
        sinks.add(Progress.sink(progress, totalSteps, startStep));
        for (PluginRegistry.Selected<ScalarSinkProvider> plugin : plugins) {
            SinkContext context = new SinkContext(plugin.settings(), Optional.ofNullable(runDir), totalSteps, startStep,
                    sentUpTo);
            sinks.add(PluginCall.call("sink plugin " + plugin.plugin().name(), "create()",
                    () -> plugin.plugin().create(context)));
        }
        return new Sinks(sinks, mark);
    }

    /** The resolved configuration, beside the checkpoints: what {@code train --resume} and {@code eval} read. */
    private void writeConfig() {
        try {
            String rendered = CheckpointStore.render(config);
            DurableFiles.replace(runDir.resolve(CheckpointStore.CONFIG),
                    out -> out.write(rendered.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new PpoException("cannot write to run directory " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static void importInto(Backend backend, CheckpointStore.Checkpoint checkpoint) {
        try {
            backend.importVariables(OptimizerSlots.fit(checkpoint.variables(), backend.exportVariables(),
                    note -> System.err.println("note: " + note)));
        } catch (IllegalArgumentException e) {
            throw new PpoException("checkpoint " + checkpoint.dir() + " does not match this model: " + e.getMessage(), e);
        }
    }

    private Backend backend() {
        if (backend == null) {
            backend = Ppo.instance(injector, Key.get(Backend.class));
        }
        return backend;
    }

    private PpoAlgorithm algorithm() {
        if (algorithm == null) {
            algorithm = Ppo.instance(injector, Key.get(PpoAlgorithm.class));
        }
        return algorithm;
    }

    private static void logMetricsTo(Telemetry telemetry, Path file) {
        try {
            if (telemetry.logTo(file)) {
                System.err.println("metrics: the logging exporter writes to " + file);
            }
        } catch (IOException e) {
            throw new PpoException("cannot write the metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    /** The policy being trained (it shares the trainer's weights; do not use it after {@link #close()}). */
    public Policy policy() {
        ModelSpec spec = Ppo.instance(injector, Key.get(ModelSpec.class));
        return new Policy(backend(), ActionDistribution.forActing(spec, config),
                config, spec, new Settings("", config).getLong("seed"), false,
                Ppo.instance(injector, Key.get(EnvFactory.class)), algorithm().normalization());
    }

    /**
     * Runs the current policy for {@code episodes} episodes in a fresh env (episode k seeded with
     * {@code seed + k}), like SB3's {@code evaluate_policy}.
     */
    public Evaluation evaluate(int episodes, long seed, boolean deterministic) {
        return policy().evaluate(episodes, seed, deterministic);
    }

    @Override
    public void close() {
        if (algorithm != null) {
            Ppo.instance(injector, Key.get(Rollouts.class)).close();
        }
        if (backend != null) {
            backend.close();
        }
        if (claimed != null) {
            claimed.close();
            claimed = null;
        }
    }
}
