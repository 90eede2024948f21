package dev.ppo.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.env.Env;
import dev.ppo.runner.Policy;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval.deterministic_action = clipped_mean}: a Gaussian policy's deterministic action is the
 * average action the env receives from its clipped samples, through {@link Policy}, {@code eval},
 * and refused by {@code export}.
 */
class DeterministicActionTest {

    @TempDir
    static Path tmp;

    static Path model;

    /** A barely trained Pendulum policy with a wide std (log-std 0 on a [-2, 2] box), so clipping matters. */
    @BeforeAll
    static void train() {
        model = tmp.resolve("pendulum");
        try (Trainer t = Ppo.trainer("env.name = Pendulum-v1", "run.progress = false", "ppo.init_log_std = 0.5",
                "ppo.num_envs = 2", "ppo.num_steps = 64", "ppo.minibatch_size = 64", "ppo.total_timesteps = 256")) {
            t.learn();
            t.policy().save(model);
        }
    }

    @Test
    void clippedMeanIsTheAverageOfClippedSamplesAndMeanIsTheGaussianMean() {
        try (Policy mean = Ppo.loadPolicy(model, List.of(), List.of("eval.deterministic_action=mean"));
             Policy clipped = Ppo.loadPolicy(model, List.of(), List.of("eval.deterministic_action=clipped_mean"));
             Env env = mean.newEnv()) {
            float[] obs = env.reset(3);
            float mu = mean.act(obs)[0];
            float det = clipped.act(obs)[0];
            double sum = 0;
            int n = 200_000;
            for (int k = 0; k < n; k++) {
                sum += Math.max(-2f, Math.min(2f, clipped.act(obs, false)[0]));
            }
            assertThat((double) det).isCloseTo(sum / n, within(0.01));
            // the std (e^0.5 = 1.65) makes the two differ unless the mean sits at 0
            assertThat(Math.abs(det - Math.max(-2f, Math.min(2f, mu)))).isGreaterThan(1e-3f);
        }
    }

    @Test
    void evalReportsItAndRefusesAnUnknownValueAndExportRefusesIt() throws Exception {
        CliRun eval = CliRun.of("eval", model.toString(), "--episodes", "1", "--json",
                "--set", "eval.deterministic_action=clipped_mean");
        assertThat(eval.status()).as(eval.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(eval.out());
        assertThat(json.path("deterministic_action").asText()).isEqualTo("clipped_mean");
        assertThat(json.path("deterministic").asBoolean()).isTrue();

        CliRun bad = CliRun.of("eval", model.toString(), "--episodes", "1", "--set", "eval.deterministic_action=median");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.errorLines()).singleElement().asString()
                .contains("eval.deterministic_action").contains("median").contains("mean, clipped_mean");

        Path run = tmp.resolve("never-written");
        CliRun train = CliRun.of(CliRun.tiny(256, "--run-dir", run.toString(), "--set", "eval.deterministic_action=mode"));
        assertThat(train.status()).isEqualTo(2);
        assertThat(train.errorLines()).singleElement().asString().contains("eval.deterministic_action").contains("mode");
        assertThat(run).doesNotExist();

        Path copy = tmp.resolve("pendulum-clipped");
        try (Policy p = Ppo.loadPolicy(model, List.of(), List.of("eval.deterministic_action=clipped_mean"))) {
            p.save(copy);
        }
        CliRun export = CliRun.of("export", copy.toString(), "--out", tmp.resolve("saved").toString());
        assertThat(export.status()).isEqualTo(2);
        assertThat(export.errorLines()).singleElement().asString().contains("eval.deterministic_action = clipped_mean");
        assertThat(tmp.resolve("saved")).doesNotExist();
    }
}
