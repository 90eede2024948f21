package org.example.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CorridorEnvTest {

    private static final float[] LEFT = {0};
    private static final float[] RIGHT = {1};

    @Test
    void walkingRightReachesTheGoal() {
        CorridorEnv env = new CorridorEnv(8);
        float[] obs = env.reset(42);
        int start = env.position();
        assertThat(start).isBetween(0, 6);
        assertThat(obs[0]).isCloseTo(start / 7f, within(1e-7f));

        StepResult last = null;
        for (int p = start + 1; p <= 7; p++) {
            last = env.step(RIGHT);
            assertThat(last.observation()[0]).isCloseTo(p / 7f, within(1e-7f));
            if (p < 7) {
                assertThat(last.reward()).isEqualTo(-0.01);
                assertThat(last.done()).isFalse();
            }
        }
        assertThat(last.reward()).isEqualTo(1.0);
        assertThat(last.terminated()).isTrue();
        assertThat(last.truncated()).isFalse();
        assertThatThrownBy(() -> env.step(RIGHT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLeftWallStopsTheAgent() {
        CorridorEnv env = new CorridorEnv(3);
        env.reset(0);
        env.step(LEFT);
        env.step(LEFT);
        assertThat(env.position()).isZero();
        StepResult r = env.step(LEFT);
        assertThat(r.observation()).containsExactly(0f);
        assertThat(r.reward()).isEqualTo(-0.01);
        assertThat(r.done()).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameStartAndStartsVary() {
        CorridorEnv a = new CorridorEnv(8);
        CorridorEnv b = new CorridorEnv(8);
        boolean[] seen = new boolean[8];
        for (long seed = 0; seed < 200; seed++) {
            assertThat(a.reset(seed)).containsExactly(b.reset(seed));
            seen[a.position()] = true;
        }
        // every non-goal cell is a possible start; the goal cell never is
        for (int p = 0; p < 7; p++) {
            assertThat(seen[p]).as("start %d seen", p).isTrue();
        }
        assertThat(seen[7]).isFalse();
    }

    @Test
    void unseededResetsContinueTheSeededStream() {
        CorridorEnv a = new CorridorEnv(8);
        CorridorEnv b = new CorridorEnv(8);
        a.reset(7);
        b.reset(7);
        for (int i = 0; i < 20; i++) {
            assertThat(a.reset()).containsExactly(b.reset());
        }
    }

    @Test
    void rejectsActionsOutsideTheSpaceAndSteppingBeforeReset() {
        CorridorEnv env = new CorridorEnv(8);
        assertThatThrownBy(() -> env.step(RIGHT)).isInstanceOf(IllegalStateException.class);
        env.reset(1);
        assertThatThrownBy(() -> env.step(new float[] {2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Discrete(2)");
    }

    @Test
    void providerIsFoundByNameAndAppliesTheTimeLimit() {
        EnvProvider provider = ServiceLoader.load(EnvProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("Corridor-v0"))
                .findFirst().orElseThrow();
        Env env = provider.create(new Settings("env",
                ConfigFactory.parseString("max_episode_steps = 5").withFallback(provider.defaults())));
        assertThat(env).isInstanceOf(TimeLimit.class);
        assertThat(env.actionSpace()).isEqualTo(new Discrete(2));
        assertThat(env.observationSpace()).isEqualTo(Box.of(0f, 1f, 1));

        env.reset(3);
        StepResult r = null;
        for (int i = 0; i < 5; i++) {
            r = env.step(LEFT); // never reaches the goal
        }
        assertThat(r.truncated()).isTrue();
        assertThat(r.terminated()).isFalse();
    }

    @Test
    void aTooShortCorridorIsRejected() {
        CorridorProvider provider = new CorridorProvider();
        assertThatThrownBy(() -> provider.create(new Settings("env",
                ConfigFactory.parseString("length = 1").withFallback(provider.defaults()))))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("env.length"));
    }
}
