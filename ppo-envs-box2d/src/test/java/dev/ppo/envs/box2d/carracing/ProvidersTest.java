package dev.ppo.envs.box2d.carracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Discrete;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** {@code CarRacing-v3}: discovery, defaults, the TimeLimit wrapper and settings validation. */
class ProvidersTest {

    private static Settings settings(EnvProvider provider, String user) {
        return new Settings("env", ConfigFactory.parseString(user).withFallback(provider.defaults()));
    }

    @Test
    void serviceLoaderFindsCarRacing() {
        assertThat(ServiceLoader.load(EnvProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("CarRacing-v3")))
                .singleElement().isInstanceOf(CarRacingProvider.class);
    }

    @Test
    void defaultsMatchGymnasiumsRegistration() {
        var defaults = new CarRacingProvider().defaults();
        assertThat(defaults.getInt("max_episode_steps")).isEqualTo(1000);
        assertThat(defaults.getBoolean("continuous")).isTrue();
        assertThat(defaults.getBoolean("domain_randomize")).isFalse();
        assertThat(defaults.getDouble("lap_complete_percent")).isEqualTo(0.95);
    }

    @Test
    void createWrapsTheEnvInATimeLimit() {
        CarRacingProvider provider = new CarRacingProvider();
        TimeLimit env = (TimeLimit) provider.create(settings(provider, ""));
        assertThat(env.maxEpisodeSteps()).isEqualTo(1000);
        CarRacing inner = (CarRacing) env.unwrapped();
        assertThat(inner.continuous()).isTrue();
        assertThat(inner.domainRandomize()).isFalse();
        assertThat(inner.lapCompletePercent()).isEqualTo(0.95);

        TimeLimit discrete = (TimeLimit) provider.create(settings(provider,
                "continuous = false, max_episode_steps = 2, lap_complete_percent = 0.5, domain_randomize = true"));
        assertThat(discrete.actionSpace()).isEqualTo(new Discrete(5));
        assertThat(((CarRacing) discrete.unwrapped()).lapCompletePercent()).isEqualTo(0.5);
        assertThat(((CarRacing) discrete.unwrapped()).domainRandomize()).isTrue();
        discrete.reset(0);
        assertThat(discrete.step(new float[] {0}).truncated()).isFalse();
        assertThat(discrete.step(new float[] {0}).truncated()).isTrue();
    }

    @Test
    void badSettingsNameTheirKey() {
        CarRacingProvider provider = new CarRacingProvider();
        assertThatThrownBy(() -> provider.create(settings(provider, "max_episode_steps = 0")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.max_episode_steps");
        assertThatThrownBy(() -> provider.create(settings(provider, "max_episode_steps = 1.5")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.max_episode_steps");
        assertThatThrownBy(() -> provider.create(settings(provider, "lap_complete_percent = 1.5")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.lap_complete_percent");
        assertThatThrownBy(() -> provider.create(settings(provider, "continuous = maybe")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.continuous");
        assertThatThrownBy(() -> provider.create(settings(provider, "domain_randomize = 3")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("env.domain_randomize");
    }
}
