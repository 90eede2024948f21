package dev.ppo.envs.box2d.bipedalwalker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.envs.random.Pcg64;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Spaces, action checks, determinism, reset reuse, rendering and the providers. */
class EnvBehaviourTest {

    private static Settings settings(EnvProvider provider, String user) {
        return new Settings("env", ConfigFactory.parseString(user).withFallback(provider.defaults()));
    }

    @Test
    void spacesMatchGymnasium() {
        BipedalWalker env = new BipedalWalker();
        Box obs = (Box) env.observationSpace();
        assertThat(obs.shape()).containsExactly(24);
        assertThat(obs.low(0)).isEqualTo((float) -Math.PI);
        assertThat(obs.high(2)).isEqualTo(5f);
        assertThat(obs.low(8)).isEqualTo(-0f);
        assertThat(obs.high(13)).isEqualTo(5f);
        assertThat(obs.low(14)).isEqualTo(-1f);
        assertThat(obs.high(23)).isEqualTo(1f);
        assertThat(env.actionSpace()).isEqualTo(Box.of(-1f, 1f, 4));
    }

    @Test
    void badActionsAreRejectedWithValueAndSpace() {
        BipedalWalker env = new BipedalWalker();
        env.reset(0);
        assertThatThrownBy(() -> env.step(new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0.0, 0.0, 0.0]").hasMessageContaining("Box(");
        assertThatThrownBy(() -> env.step(new float[] {0, Float.NaN, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new BipedalWalker().step(new float[4])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void outOfRangeActionsActLikeTheirClippedValues() {
        // Gymnasium uses sign(a) for the speed and clip(|a|, 0, 1) for the torque and its cost.
        BipedalWalker a = new BipedalWalker();
        BipedalWalker b = new BipedalWalker();
        a.reset(3);
        b.reset(3);
        for (int t = 0; t < 20; t++) {
            StepResult ra = a.step(new float[] {3f, -7f, 1f, -1f});
            StepResult rb = b.step(new float[] {1f, -1f, 1f, -1f});
            assertThat(ra.observation()).containsExactly(rb.observation());
            assertThat(ra.reward()).isEqualTo(rb.reward());
        }
    }

    @Test
    void seededResetsAreReproducibleAndReuseTheWorld() {
        BipedalWalker env = new BipedalWalker(true);
        float[] first = env.reset(5);
        float[] afterFirst = env.step(new float[] {0.5f, -0.5f, 0.2f, 1f}).observation();
        for (int t = 0; t < 200; t++) {
            env.step(new float[] {1f, 1f, -1f, -1f});
        }
        // A second seeded reset on the same (reused) world gives the same episode start.
        assertThat(env.reset(5)).containsExactly(first);
        assertThat(env.step(new float[] {0.5f, -0.5f, 0.2f, 1f}).observation()).containsExactly(afterFirst);
        double[] terrain = env.terrainY();
        env.reset();
        assertThat(env.terrainY()).isNotEqualTo(terrain); // the unseeded reset continues the stream
    }

    @Test
    void fallingEndsTheEpisodeWithMinus100() {
        // Random actions: most episodes end with the hull on the ground (golden seed 1 falls at t=126).
        BipedalWalker env = new BipedalWalker();
        Pcg64 rng = new Pcg64(1001);
        env.reset(1);
        StepResult r = null;
        for (int t = 0; t < 1600; t++) {
            r = env.step(new float[] {(float) rng.uniform(-1, 1), (float) rng.uniform(-1, 1),
                (float) rng.uniform(-1, 1), (float) rng.uniform(-1, 1)});
            if (r.terminated()) {
                break;
            }
        }
        assertThat(r.terminated()).isTrue();
        assertThat(r.reward()).isEqualTo(-100.0);
        assertThat(env.gameOver()).isTrue();
    }

    @Test
    void renderDrawsSkyTerrainAndWalker() {
        BipedalWalker env = new BipedalWalker(true);
        env.reset(1);
        RgbFrame frame = env.render();
        assertThat(frame.width()).isEqualTo(600);
        assertThat(frame.height()).isEqualTo(400);
        // Sky at the top-left, grass-coloured ground at the bottom, the purple hull in between.
        assertThat(new int[] {frame.channel(10, 10, 0), frame.channel(10, 10, 1), frame.channel(10, 10, 2)})
                .containsExactly(215, 215, 255);
        assertThat(new int[] {frame.channel(300, 395, 0), frame.channel(300, 395, 1), frame.channel(300, 395, 2)})
                .containsExactly(102, 153, 76);
        boolean hull = false;
        for (int y = 0; y < 400 && !hull; y++) {
            for (int x = 0; x < 600 && !hull; x++) {
                hull = frame.channel(x, y, 0) == 127 && frame.channel(x, y, 1) == 51 && frame.channel(x, y, 2) == 229;
            }
        }
        assertThat(hull).as("hull colour present").isTrue();
        // The view follows the walker.
        for (int t = 0; t < 300; t++) {
            env.step(new float[] {1f, 0f, -1f, 0f});
        }
        assertThat(env.render().pixels()).hasSize(600 * 400 * 3);
    }

    @Test
    void providersAreDiscoveredWithGymnasiumsDefaults() {
        Map<String, EnvProvider> byName = ServiceLoader.load(EnvProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(EnvProvider::name, p -> p));
        assertThat(byName.get("BipedalWalker-v3")).isInstanceOf(BipedalWalkerProvider.class);
        assertThat(byName.get("BipedalWalkerHardcore-v3")).isInstanceOf(BipedalWalkerHardcoreProvider.class);

        EnvProvider normal = new BipedalWalkerProvider();
        TimeLimit env = (TimeLimit) normal.create(settings(normal, ""));
        assertThat(env.maxEpisodeSteps()).isEqualTo(1600);
        assertThat(((BipedalWalker) env.unwrapped()).hardcore()).isFalse();

        EnvProvider hardcore = new BipedalWalkerHardcoreProvider();
        TimeLimit hc = (TimeLimit) hardcore.create(settings(hardcore, ""));
        assertThat(hc.maxEpisodeSteps()).isEqualTo(2000);
        assertThat(((BipedalWalker) hc.unwrapped()).hardcore()).isTrue();

        TimeLimit short3 = (TimeLimit) normal.create(settings(normal, "max_episode_steps = 3, hardcore = true"));
        assertThat(((BipedalWalker) short3.unwrapped()).hardcore()).isTrue();
        short3.reset(0);
        assertThat(short3.step(new float[4]).truncated()).isFalse();
        assertThat(short3.step(new float[4]).truncated()).isFalse();
        assertThat(short3.step(new float[4]).truncated()).isTrue();
    }

    @Test
    void badSettingsNameTheirKey() {
        EnvProvider provider = new BipedalWalkerProvider();
        assertThatThrownBy(() -> provider.create(settings(provider, "max_episode_steps = 0")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.max_episode_steps");
        assertThatThrownBy(() -> provider.create(settings(provider, "max_episode_steps = 2.5")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.max_episode_steps");
        assertThatThrownBy(() -> provider.create(settings(provider, "hardcore = maybe")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.hardcore");
        EnvProvider hardcore = new BipedalWalkerHardcoreProvider();
        assertThatThrownBy(() -> hardcore.create(settings(hardcore, "max_episode_steps = -1")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.max_episode_steps");
    }

    @Test
    void closeIsHarmless() {
        Env env = new BipedalWalkerProvider().create(settings(new BipedalWalkerProvider(), ""));
        env.reset(0);
        env.close();
    }
}
