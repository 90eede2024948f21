package dev.ppo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.FrameStack;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTest {

    @Test
    void spacesCheckMembership() {
        Discrete d = new Discrete(3);
        assertThat(d.contains(new float[] {2})).isTrue();
        assertThat(d.contains(new float[] {3})).isFalse();
        assertThat(d.contains(new float[] {1.5f})).isFalse();
        assertThat(d.contains(new float[] {0, 1})).isFalse();
        Box b = Box.of(new float[] {-1, 0}, new float[] {1, 2});
        assertThat(b.contains(new float[] {0.5f, 2})).isTrue();
        assertThat(b.contains(new float[] {0.5f, 2.1f})).isFalse();
        assertThat(b.contains(new float[] {Float.NaN, 1})).isFalse();
        assertThatThrownBy(() -> Box.of(new float[] {1}, new float[] {0})).hasMessageContaining("low[0]=1.0 > high[0]=0.0");
        assertThatThrownBy(() -> new Discrete(0)).hasMessageContaining("n >= 1");
    }

    @Test
    void boxClipsTheFirstNValuesInPlace() {
        Box b = Box.of(new float[] {-1, 0}, new float[] {1, 2});
        float[] action = {-3, 2.5f, 9};
        b.clip(action, 2);
        assertThat(action).containsExactly(-1, 2, 9);
        float[] inside = {0.25f, 1.5f};
        b.clip(inside, 2);
        assertThat(inside).containsExactly(0.25f, 1.5f);
    }

    /** An env whose episode terminates on step {@code terminalStep}. */
    private static Env counter(int terminalStep) {
        return new Env() {
            int t;

            public Space observationSpace() {
                return Box.of(0, 100, 1);
            }

            public Space actionSpace() {
                return new Discrete(1);
            }

            public float[] reset(long seed) {
                t = 0;
                return new float[] {0};
            }

            public float[] reset() {
                return reset(0);
            }

            public StepResult step(float[] action) {
                t++;
                return new StepResult(new float[] {t}, 1, t == terminalStep, false);
            }
        };
    }

    @Test
    void timeLimitTruncatesOnTheLimitStep() {
        TimeLimit env = new TimeLimit(counter(100), 3);
        env.reset(0);
        assertThat(env.step(new float[] {0}).truncated()).isFalse();
        assertThat(env.step(new float[] {0}).truncated()).isFalse();
        StepResult last = env.step(new float[] {0});
        assertThat(last.truncated()).isTrue();
        assertThat(last.terminated()).isFalse();
        env.reset();
        assertThat(env.step(new float[] {0}).truncated()).isFalse(); // the count restarts
    }

    @Test
    void terminationOnTheLimitStepStaysTerminated() {
        TimeLimit env = new TimeLimit(counter(2), 2);
        env.reset(0);
        env.step(new float[] {0});
        StepResult r = env.step(new float[] {0});
        assertThat(r.terminated()).isTrue();
        assertThat(r.done()).isTrue();
    }

    @Test
    void frameStackKeepsTheLastKFramesPerCell() {
        // a 1x2 "image" with 1 channel whose pixels are (t, 10 + t) at step t
        Env image = new Env() {
            int t;

            public Space observationSpace() {
                return new Box(new float[] {0, 0}, new float[] {100, 100}, new int[] {1, 2, 1});
            }

            public Space actionSpace() {
                return new Discrete(1);
            }

            public float[] reset(long seed) {
                t = 0;
                return new float[] {0, 10};
            }

            public float[] reset() {
                return reset(0);
            }

            public StepResult step(float[] action) {
                t++;
                return new StepResult(new float[] {t, 10 + t}, 0, false, false);
            }
        };
        FrameStack env = new FrameStack(image, 3);
        assertThat(((Box) env.observationSpace()).shape()).containsExactly(1, 2, 3);
        assertThat(env.reset(0)).containsExactly(0, 0, 0, 10, 10, 10);
        env.step(new float[] {0});
        assertThat(env.step(new float[] {0}).observation()).containsExactly(0, 1, 2, 10, 11, 12);
        assertThat(env.step(new float[] {0}).observation()).containsExactly(1, 2, 3, 11, 12, 13);
    }

    @Test
    void settingsErrorsNameKeyValueRuleAndOrigin() {
        Settings s = new Settings("ppo", ConfigFactory.parseString("a = 1.5\nb = -2\nc = hello\nd = 0.3",
                com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("test.conf")).resolve());
        assertThatThrownBy(() -> s.getInt("a")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ppo.a = 1.5").hasMessageContaining("whole number");
        assertThatThrownBy(() -> s.positive("b")).hasMessageContaining("ppo.b = -2").hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> s.getDouble("c")).hasMessageContaining("ppo.c").hasMessageContaining("test.conf");
        assertThatThrownBy(() -> s.inLeftOpen("d", 0.5, 1)).hasMessageContaining("must be in (0.5, 1.0]");
        assertThatThrownBy(() -> s.getDouble("missing")).hasMessageContaining("ppo.missing");
        assertThat(s.inClosed("d", 0, 1)).isEqualTo(0.3);
    }
}
