package dev.ppo.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppo.box_distribution = beta}: a Beta policy learns, stays in the box, saves and loads, and bad settings are refused. */
class BetaPolicyTest {

    private static final String TINY = "ppo.num_envs = 2\nppo.num_steps = 128\nppo.minibatch_size = 64\n"
            + "ppo.update_epochs = 4\nppo.entropy_coef = 0\nrun.progress = false\nppo.box_distribution = beta\n";

    @TempDir
    Path dir;

    /**
     * One-step episodes in an asymmetric box [0, 2] × [-1, 1], reward −|a − target|²: the best action
     * depends on the observation (0 or 1), and every action the env receives must already be in the box.
     */
    static final class Target implements Env {
        static final float[][] TARGETS = {{1.5f, -0.6f}, {0.4f, 0.5f}};
        static final Box ACTIONS = Box.of(new float[] {0, -1}, new float[] {2, 1});
        private final Random random = new Random(0);
        private int context;
        int outside;

        @Override
        public Space observationSpace() {
            return Box.of(0f, 1f, 1);
        }

        @Override
        public Space actionSpace() {
            return ACTIONS;
        }

        @Override
        public float[] reset(long seed) {
            random.setSeed(seed);
            return reset();
        }

        @Override
        public float[] reset() {
            context = random.nextInt(2);
            return new float[] {context};
        }

        @Override
        public StepResult step(float[] action) {
            if (!ACTIONS.contains(action)) {
                outside++;
            }
            double loss = 0;
            for (int j = 0; j < 2; j++) {
                double e = action[j] - TARGETS[context][j];
                loss += e * e;
            }
            return new StepResult(new float[] {context}, -loss, true, false);
        }
    }

    @Test
    void aBetaPolicyLearnsTheBestActionOfEachContextInsideTheBox() throws Exception {
        List<Target> envs = new java.util.ArrayList<>();
        try (Trainer trainer = Ppo.trainer(ConfigLoader.loadString(TINY + "ppo.total_timesteps = 12800\n"
                + "ppo.learning_rate = 3e-3\nseed = 3", List.of()), () -> {
                    Target t = new Target();
                    envs.add(t);
                    return t;
                })) {
            trainer.learn();
            assertThat(envs).isNotEmpty().allMatch(t -> t.outside == 0);
            Policy policy = trainer.policy();
            for (int c = 0; c < 2; c++) {
                float[] a = policy.act(new float[] {c});
                assertThat(a[0]).as("context %d, dimension 0", c).isCloseTo(Target.TARGETS[c][0], within(0.1f));
                assertThat(a[1]).as("context %d, dimension 1", c).isCloseTo(Target.TARGETS[c][1], within(0.1f));
            }
        }
    }

    @Test
    void aBetaPolicySavesAndLoadsWithItsFamily() throws Exception {
        try (Trainer t = Ppo.trainer("env.name = Pendulum-v1", "ppo.box_distribution = beta", "run.progress = false",
                "ppo.num_envs = 2", "ppo.num_steps = 64", "ppo.minibatch_size = 64", "ppo.total_timesteps = 128")) {
            t.learn();
            Policy policy = t.policy();
            policy.save(dir.resolve("beta"));
            float[] obs = {0.3f, -0.9f, 1.5f};
            try (Policy loaded = Ppo.loadPolicy(dir.resolve("beta"))) {
                assertThat(loaded.act(obs)).containsExactly(policy.act(obs));
                for (int k = 0; k < 100; k++) {
                    assertThat(loaded.act(obs, false)[0]).isBetween(-2f, 2f); // Pendulum's torque bounds
                }
            }
        }
    }

    @Test
    void betaWithADecayingStdOrUnboundedActionsIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> Ppo.trainer(ConfigLoader.loadString(TINY + "ppo.action_std = decay", List.of()),
                Target::new)).hasMessageContaining("ppo.action_std").hasMessageContaining("box_distribution = beta");
        assertThatThrownBy(() -> Ppo.trainer("ppo.box_distribution = binomial"))
                .hasMessageContaining("ppo.box_distribution").hasMessageContaining("gaussian, beta");
        assertThatThrownBy(() -> {
            try (Trainer t = Ppo.trainer("env.name = Pendulum-v1", "ppo.box_distribution = beta", "backend.name = java",
                    "run.progress = false")) {
                t.learn();
            }
        }).hasMessageContaining("no Beta policy head").hasMessageContaining("backend.name = tensorflow");
        assertThatThrownBy(() -> {
            try (Trainer t = Ppo.trainer(ConfigLoader.loadString(TINY, List.of()), Unbounded::new)) {
                t.learn();
            }
        }).isInstanceOf(PpoException.class).hasMessageContaining("ppo.box_distribution = beta needs finite action bounds")
                .hasMessageContaining("dimension 0");
    }

    /** A Target with an unbounded action space. */
    static final class Unbounded implements Env {
        private final Target inner = new Target();

        @Override
        public Space observationSpace() {
            return inner.observationSpace();
        }

        @Override
        public Space actionSpace() {
            return Box.of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 2);
        }

        @Override
        public float[] reset(long seed) {
            return inner.reset(seed);
        }

        @Override
        public float[] reset() {
            return inner.reset();
        }

        @Override
        public StepResult step(float[] action) {
            return inner.step(action);
        }
    }
}
