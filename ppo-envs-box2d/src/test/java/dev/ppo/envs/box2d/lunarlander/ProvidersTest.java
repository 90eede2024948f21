package dev.ppo.envs.box2d.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** LunarLander-v3 and LunarLanderContinuous-v3: discovery, defaults, TimeLimit, validation. */
class ProvidersTest {

    private static Settings settings(EnvProvider provider, String user) {
        return new Settings("env", ConfigFactory.parseString(user).withFallback(provider.defaults()));
    }

    @Test
    void serviceLoaderFindsBothIds() {
        Map<String, EnvProvider> byName = ServiceLoader.load(EnvProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(EnvProvider::name, p -> p, (a, b) -> a));
        assertThat(byName.get("LunarLander-v3")).isInstanceOf(LunarLanderProvider.class);
        assertThat(byName.get("LunarLanderContinuous-v3")).isInstanceOf(LunarLanderContinuousProvider.class);
    }

    @Test
    void defaultsAreGymnasiums() {
        var d = new LunarLanderProvider().defaults();
        assertThat(d.getBoolean("continuous")).isFalse();
        assertThat(d.getDouble("gravity")).isEqualTo(-10.0);
        assertThat(d.getBoolean("enable_wind")).isFalse();
        assertThat(d.getDouble("wind_power")).isEqualTo(15.0);
        assertThat(d.getDouble("turbulence_power")).isEqualTo(1.5);
        assertThat(d.getInt("max_episode_steps")).isEqualTo(1000);
        assertThat(new LunarLanderContinuousProvider().defaults().getBoolean("continuous")).isTrue();
    }

    @Test
    void createWrapsInATimeLimit() {
        LunarLanderProvider provider = new LunarLanderProvider();
        TimeLimit env = (TimeLimit) provider.create(settings(provider, ""));
        assertThat(env.maxEpisodeSteps()).isEqualTo(1000);
        assertThat(env.actionSpace()).isEqualTo(new Discrete(4));
        assertThat(env.unwrapped()).isInstanceOf(LunarLander.class);

        LunarLanderContinuousProvider continuous = new LunarLanderContinuousProvider();
        TimeLimit c = (TimeLimit) continuous.create(settings(continuous, "max_episode_steps = 2, enable_wind = true"));
        assertThat(c.actionSpace()).isEqualTo(Box.of(-1f, 1f, 2));
        c.reset(0);
        assertThat(c.step(new float[] {0, 0}).truncated()).isFalse();
        assertThat(c.step(new float[] {0, 0}).truncated()).isTrue();
    }

    @Test
    void badSettingsNameTheirKey() {
        LunarLanderProvider p = new LunarLanderProvider();
        assertThatThrownBy(() -> p.create(settings(p, "gravity = 0")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.gravity")
                .hasMessageContaining("between -12 and 0");
        assertThatThrownBy(() -> p.create(settings(p, "gravity = -12.5")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.gravity");
        assertThatThrownBy(() -> p.create(settings(p, "max_episode_steps = 0")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.max_episode_steps");
        assertThatThrownBy(() -> p.create(settings(p, "max_episode_steps = 2.5")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.max_episode_steps");
        assertThatThrownBy(() -> p.create(settings(p, "continuous = maybe")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.continuous");
        assertThatThrownBy(() -> p.create(settings(p, "wind_power = strong")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.wind_power");
        assertThatThrownBy(() -> p.create(settings(p, "turbulence_power = NaN")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.turbulence_power");
        // Out of the recommended range only warns, as in Gymnasium.
        assertThat(p.create(settings(p, "wind_power = 25, turbulence_power = 3"))).isNotNull();
    }
}
