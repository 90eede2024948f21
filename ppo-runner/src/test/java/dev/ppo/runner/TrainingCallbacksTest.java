package dev.ppo.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.runner.algo.IterationReport;
import dev.ppo.runner.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SB3-style callbacks: evaluation during training ({@code eval.every_steps}) with the best model
 * kept and a reward threshold ({@code eval.stop_at_return}), a user stop condition, {@code learn(steps)},
 * and a trainer for an env built in code.
 */
class TrainingCallbacksTest {

    private static final String TINY = "ppo.num_envs = 2\nppo.num_steps = 128\nppo.minibatch_size = 128\n"
            + "ppo.update_epochs = 2\nrun.progress = false\n";

    @TempDir
    Path dir;

    @Test
    void evaluationsAreLoggedTheBestIsKeptAndTheThresholdStops() throws Exception {
        Path run = dir.resolve("run");
        // every 1024 steps: 4 iterations of 256; a CartPole return of 20 is reached within a few evaluations
        try (Trainer trainer = Ppo.trainer(TINY + "ppo.total_timesteps = 20480\neval { every_steps = 1024,"
                + " episodes = 3, stop_at_return = 40 }")) {
            trainer.runDirectory(run).learn();
            Trainer.Summary s = trainer.summary();
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(run.resolve("evaluations.jsonl"))) {
                rows.add(new ObjectMapper().readTree(line));
            }
            assertThat(rows).isNotEmpty();
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).path("global_step").asLong()).isEqualTo(1024L * (i + 1));
                assertThat(rows.get(i).path("episodes").asInt()).isEqualTo(3);
            }
            JsonNode last = rows.get(rows.size() - 1);
            assertThat(last.path("mean_return").asDouble()).isGreaterThanOrEqualTo(40);
            assertThat(rows.subList(0, rows.size() - 1)).allMatch(r -> r.path("mean_return").asDouble() < 40);
            assertThat(s.stopReason()).contains("eval.stop_at_return");
            assertThat(s.totalSteps()).isEqualTo(last.path("global_step").asLong()).isLessThan(20480);
            double best = rows.stream().mapToDouble(r -> r.path("mean_return").asDouble()).max().orElseThrow();
            assertThat(s.bestEvalReturn()).isEqualTo(best);
            // best/ is a model directory holding the best policy; a checkpoint was written where it stopped
            try (Policy bestPolicy = Ppo.loadPolicy(run.resolve("best"))) {
                assertThat(bestPolicy.evaluate(3, 10_000, true).mean()).isEqualTo(best);
            }
            assertThat(s.lastCheckpoint().getFileName().toString())
                    .isEqualTo(CheckpointStoreName.of(s.totalSteps() / 256));
        }
    }

    /** The checkpoint name of an iteration. */
    private static final class CheckpointStoreName {
        static String of(long iteration) {
            return dev.ppo.runner.io.CheckpointStore.checkpointName((int) iteration);
        }
    }

    @Test
    void evalSettingsAreCheckedBeforeAnythingIsWritten() {
        Path run = dir.resolve("bad");
        assertThatThrownBy(() -> {
            try (Trainer t = Ppo.trainer(TINY + "eval.stop_at_return = 100")) {
                t.runDirectory(run).learn();
            }
        }).hasMessageContaining("eval.stop_at_return").hasMessageContaining("every_steps > 0");
        assertThatThrownBy(() -> {
            try (Trainer t = Ppo.trainer(TINY + "eval.every_steps = -5")) {
                t.runDirectory(run).learn();
            }
        }).hasMessageContaining("eval.every_steps");
        // an optional key (null by default) is still a known key, and a typo of it is not
        assertThat(ConfigLoader.loadString("eval.stop_at_return = 100", List.of()).getDouble("eval.stop_at_return"))
                .isEqualTo(100);
        assertThatThrownBy(() -> ConfigLoader.loadString("eval.stop_at_retrun = 100", List.of()))
                .hasMessageContaining("unknown key").hasMessageContaining("stop_at_return");
        assertThat(run).doesNotExist();
    }

    @Test
    void stopWhenAndLearnStepsStopWhereAsked() {
        try (Trainer trainer = Ppo.trainer(TINY + "ppo.total_timesteps = 4096")) {
            List<Integer> seen = new ArrayList<>();
            trainer.onIteration(r -> seen.add(r.iteration()));
            trainer.learn(600); // whole iterations of 256: stops after 768
            assertThat(trainer.summary().totalSteps()).isEqualTo(768);
            assertThat(trainer.summary().stopReason()).contains("learn(600)");
            trainer.stopWhen((IterationReport r) -> r.iteration() == 5);
            trainer.learn();
            assertThat(seen).containsExactly(1, 2, 3, 4, 5);
            assertThat(trainer.summary().stopReason()).contains("stopWhen");
        }
    }

    /** A corridor written in the application, not a plugin: walk right to the goal. */
    static final class Corridor implements Env {
        private final Random random = new Random(0);
        private int position;

        @Override
        public Space observationSpace() {
            return Box.of(0f, 1f, 1);
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        public float[] reset(long seed) {
            random.setSeed(seed);
            return reset();
        }

        @Override
        public float[] reset() {
            position = random.nextInt(4);
            return new float[] {position / 5f};
        }

        @Override
        public StepResult step(float[] action) {
            position = Math.max(0, position + (action[0] == 1 ? 1 : -1));
            boolean goal = position == 5;
            return new StepResult(new float[] {position / 5f}, goal ? 1 : -0.01, goal, false);
        }
    }

    @Test
    void anEnvBuiltInCodeTrainsWithoutAPlugin() {
        int[] built = {0};
        try (Trainer trainer = Ppo.trainer(ConfigLoader.loadString(TINY + "ppo.total_timesteps = 6144\n"
                + "ppo.entropy_coef = 0\nppo.learning_rate = 1e-3", List.of()), () -> {
                    built[0]++;
                    return new TimeLimit(new Corridor(), 50);
                })) {
            trainer.learn();
            assertThat(trainer.config().getString("env.name")).isEqualTo("in-code");
            assertThat(built[0]).isGreaterThanOrEqualTo(2);
            // walking right from at most 4 cells away: 5 steps at worst, so a return near 1
            assertThat(trainer.evaluate(10, 0, true).mean()).isGreaterThan(0.9);
        }
    }
}
