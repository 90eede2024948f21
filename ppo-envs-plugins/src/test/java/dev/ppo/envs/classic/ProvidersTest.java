package dev.ppo.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The providers: discovery, defaults, the TimeLimit wrapper and settings validation. */
class ProvidersTest {

    private static Settings settings(EnvProvider provider, String user) {
        return new Settings("env", ConfigFactory.parseString(user).withFallback(provider.defaults()));
    }

    @Test
    void serviceLoaderFindsBothEnvs() {
        Map<String, EnvProvider> byName = ServiceLoader.load(EnvProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(EnvProvider::name, p -> p));
        assertThat(byName).containsKeys("CartPole-v1", "Pendulum-v1");
        assertThat(byName.get("CartPole-v1")).isInstanceOf(CartPoleProvider.class);
        assertThat(byName.get("Pendulum-v1")).isInstanceOf(PendulumProvider.class);
    }

    @Test
    void defaultsMatchGymnasiumsRegistration() {
        assertThat(new CartPoleProvider().defaults().getInt("max_episode_steps")).isEqualTo(500);
        assertThat(new CartPoleProvider().defaults().getBoolean("sutton_barto_reward")).isFalse();
        assertThat(new PendulumProvider().defaults().getInt("max_episode_steps")).isEqualTo(200);
        assertThat(new PendulumProvider().defaults().getDouble("g")).isEqualTo(10.0);
    }

    @Test
    void createWrapsTheEnvInATimeLimit() {
        CartPoleProvider cartPole = new CartPoleProvider();
        Env env = cartPole.create(settings(cartPole, ""));
        assertThat(env).isInstanceOf(TimeLimit.class);
        assertThat(((TimeLimit) env).maxEpisodeSteps()).isEqualTo(500);
        assertThat(((TimeLimit) env).unwrapped()).isInstanceOf(CartPole.class);

        PendulumProvider pendulum = new PendulumProvider();
        TimeLimit limited = (TimeLimit) pendulum.create(settings(pendulum, "max_episode_steps = 3, g = 9.81"));
        assertThat(limited.maxEpisodeSteps()).isEqualTo(3);
        assertThat(((Pendulum) limited.unwrapped()).g()).isEqualTo(9.81);
        limited.reset(0);
        assertThat(limited.step(new float[] {0}).truncated()).isFalse();
        assertThat(limited.step(new float[] {0}).truncated()).isFalse();
        assertThat(limited.step(new float[] {0}).truncated()).isTrue();
    }

    @Test
    void maxEpisodeStepsMustBePositive() {
        CartPoleProvider provider = new CartPoleProvider();
        assertThatThrownBy(() -> provider.create(settings(provider, "max_episode_steps = 0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("env.max_episode_steps")
                .hasMessageContaining("must be >= 1");
        PendulumProvider pendulum = new PendulumProvider();
        assertThatThrownBy(() -> pendulum.create(settings(pendulum, "max_episode_steps = -5")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("env.max_episode_steps");
    }

    @Test
    void wronglyTypedSettingsNameTheirKey() {
        PendulumProvider pendulum = new PendulumProvider();
        assertThatThrownBy(() -> pendulum.create(settings(pendulum, "g = heavy")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("env.g");
        CartPoleProvider cartPole = new CartPoleProvider();
        assertThatThrownBy(() -> cartPole.create(settings(cartPole, "sutton_barto_reward = 3")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("env.sutton_barto_reward");
        assertThatThrownBy(() -> cartPole.create(settings(cartPole, "max_episode_steps = 1.5")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("env.max_episode_steps");
    }
}
