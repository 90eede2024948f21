package dev.ppo.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README's embedding example promises: train from HOCON, act, save, load. */
class EmbeddingApiTest {

    @TempDir
    Path dir;

    @Test
    void defaultPresetSolvesCartPoleAndThePolicySurvivesSaveAndLoad() {
        try (Trainer trainer = Ppo.trainer(Path.of("../conf/cartpole.conf"), "seed=1", "run.progress=false")) {
            trainer.learn();
            Evaluation eval = trainer.evaluate(10, 10_000, true);
            // CartPole-v1 counts as solved at 475; the seeded run reaches 500 with margin
            assertThat(eval.mean()).isGreaterThanOrEqualTo(475);

            Policy policy = trainer.policy();
            policy.save(dir.resolve("model"));
            try (Policy loaded = Ppo.loadPolicy(dir.resolve("model"))) {
                float[][] observations = {{0, 0, 0, 0}, {0.1f, -0.3f, 0.05f, 0.4f}, {-1f, 0.5f, -0.1f, -0.8f}};
                for (float[] obs : observations) {
                    assertThat(loaded.act(obs)).containsExactly(policy.act(obs));
                    assertThat(loaded.value(obs)).isEqualTo(policy.value(obs));
                }
                assertThatThrownBy(() -> loaded.act(new float[3])).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("expects 4");
            }
        }
    }

    @Test
    void normalizationStatisticsTravelWithTheWeights() {
        try (Trainer trainer = Ppo.trainer("env.name = Pendulum-v1", "ppo.total_timesteps=2048",
                "ppo.num_envs=2", "ppo.num_steps=512", "ppo.minibatch_size=256", "ppo.normalize_observations=true",
                "ppo.normalize_rewards=true", "run.progress=false")) {
            trainer.learn();
            Policy policy = trainer.policy();
            Evaluation before = policy.evaluate(3, 7, true);
            policy.save(dir.resolve("pendulum"));
            try (Policy loaded = Ppo.loadPolicy(dir.resolve("pendulum"))) {
                // raw observations far from the running mean: identical only if the statistics were restored
                float[] obs = {0.3f, -0.9f, 6.5f};
                assertThat(loaded.act(obs)).containsExactly(policy.act(obs));
                assertThat(loaded.evaluate(3, 7, true).returns()).isEqualTo(before.returns());
            }
        }
    }

    @Test
    void theEmbeddingApiIsSilentUnlessAskedAndTheCliIsNot() {
        try (Trainer quiet = Ppo.trainer("env.name = CartPole-v1"); Trainer loud = Ppo.trainer("run.progress = true")) {
            assertThat(quiet.config().getBoolean("run.progress")).isFalse();
            assertThat(loud.config().getBoolean("run.progress")).isTrue();
        }
        assertThat(dev.ppo.runner.config.ConfigLoader.load(null, java.util.List.of()).getBoolean("run.progress")).isTrue();
    }

    @Test
    void hoconStringSelectsTheObjective() {
        try (Trainer trainer = Ppo.trainer("objective { name = adaptive-kl, kl_target = 0.02 }",
                "ppo.total_timesteps=256", "ppo.num_envs=2", "ppo.num_steps=64", "ppo.minibatch_size=64",
                "run.progress=false")) {
            java.util.List<Double> betas = new java.util.ArrayList<>();
            trainer.onIteration(r -> betas.add(r.objectiveParameters().get("kl_beta")));
            trainer.learn();
            assertThat(betas).hasSize(2).allMatch(b -> b > 0);
        }
    }
}
