package dev.ppo.runner.study;

import com.typesafe.config.Config;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.Evaluation;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.RandomPolicy;
import dev.ppo.runner.Trainer;
import dev.ppo.runner.algo.TrainingState;
import dev.ppo.runner.config.PpoConfig;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.CheckpointStore;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains every (env, row, seed) run of a study, {@code parallel} at a time, each in its own run
 * directory {@code <runs>/<env>/<row>/seed-<n>}. Finished runs are skipped and interrupted ones
 * resume from their latest checkpoint, so an interrupted study picks up where it stopped. Each run
 * is seeded and single-threaded, so the results do not depend on how many run at once.
 */
public final class StudyRunner {

    private final StudySpec spec;
    private final Path runs;
    private final List<Path> pluginDirs;
    private final Consumer<String> log;

    /** @param runs the directory under which each run gets its own directory */
    public StudyRunner(StudySpec spec, Path runs, List<Path> pluginDirs, Consumer<String> log) {
        this.spec = spec;
        this.runs = runs;
        this.pluginDirs = pluginDirs;
        this.log = log;
    }

    /** Where the run of ({@code env}, {@code row}, {@code seed}) lives. */
    public Path runDir(StudySpec.EnvEntry env, StudySpec.Row row, long seed) {
        return runs.resolve(env.id()).resolve(row.slug()).resolve("seed-" + seed);
    }

    /** Trains whatever is not finished yet. */
    public void runAll() {
        List<Runnable> jobs = new ArrayList<>();
        for (StudySpec.EnvEntry env : spec.envs()) {
            for (StudySpec.Row row : spec.rows()) {
                for (long seed : spec.seeds()) {
                    jobs.add(() -> trainOne(env, row, seed));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(spec.parallel());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PpoException("study interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new PpoException(e.getCause().getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void trainOne(StudySpec.EnvEntry env, StudySpec.Row row, long seed) {
        Path dir = runDir(env, row, seed);
        Config config = spec.runConfig(env, row, seed);
        long total = PpoConfig.from(new Settings("ppo", config.getConfig("ppo"))).totalTimesteps();
        String what = env.id() + " / " + row.name() + " / seed " + seed;
        if (Files.isRegularFile(dir.resolve("checkpoints/latest"))) {
            TrainingState state = CheckpointStore.load(dir).state();
            if (state.globalStep() >= total) {
                log.accept("done already: " + what);
                return;
            }
            log.accept("resuming at step " + state.globalStep() + ": " + what);
            try (Trainer trainer = Ppo.resume(dir, List.of(), pluginDirs)) {
                trainer.learn();
            }
        } else {
            log.accept("training: " + what);
            try (Trainer trainer = Ppo.trainer(config, pluginDirs).runDirectory(dir)) {
                trainer.learn();
            }
        }
        log.accept("finished: " + what);
    }

    /** Mean return of the uniform random policy on each env (episodes seeded 0, 1, ...), score 0. */
    public Map<String, Double> randomScores() {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (StudySpec.EnvEntry env : spec.envs()) {
            Config config = spec.runConfig(env, spec.rows().get(0), 0);
            PluginRegistry.Selected<EnvProvider> selected = PluginRegistry.load(Ppo.pluginDirs(config, pluginDirs))
                    .select(PluginType.ENV, config);
            try (Env e = selected.plugin().create(selected.settings())) {
                Evaluation eval = Evaluation.run(new RandomPolicy(e.actionSpace(), 0), e, spec.randomEpisodes(), 0, null);
                scores.put(env.id(), eval.mean());
            }
        }
        return scores;
    }
}
