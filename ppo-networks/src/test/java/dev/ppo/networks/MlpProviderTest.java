package dev.ppo.networks;

import static dev.ppo.testing.PluginSettings.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.plugin.InvalidSettingException;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Discovery, defaults, and rejection of out-of-range settings of the network plugins. */
class MlpProviderTest {

    @Test
    void serviceLoaderFindsTheNetworks() {
        List<String> names = ServiceLoader.load(NetworkProvider.class).stream()
                .map(p -> p.get().name()).toList();
        assertThat(names).containsExactlyInAnyOrder("mlp", "nature-cnn");
    }

    @Test
    void mlpDefaults() {
        NetworkSpec spec = new MlpProvider().create(of(new MlpProvider(), "network", ""));
        assertThat(spec).isEqualTo(new NetworkSpec(List.of(64, 64), List.of(64, 64), NetworkSpec.Activation.TANH, false));
    }

    @Test
    void mlpCustom() {
        NetworkSpec spec = new MlpProvider().create(of(new MlpProvider(), "network",
                "hidden = [256, 128, 32], critic_hidden = [16], activation = relu, shared = true"));
        assertThat(spec).isEqualTo(new NetworkSpec(List.of(256, 128, 32), List.of(16), NetworkSpec.Activation.RELU, true));
    }

    @Test
    void mlpRejectsAZeroWidth() {
        assertThatThrownBy(() -> new MlpProvider().create(of(new MlpProvider(), "network", "hidden = [64, 0]")))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("network.hidden"))
                .hasMessageContaining(">= 1");
        assertThatThrownBy(() -> new MlpProvider().create(of(new MlpProvider(), "network", "critic_hidden = [-3]")))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("network.critic_hidden"));
    }

    @Test
    void mlpRejectsAnUnknownActivation() {
        assertThatThrownBy(() -> new MlpProvider().create(of(new MlpProvider(), "network", "activation = sigmoid")))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("network.activation"))
                .hasMessageContaining("tanh, relu");
    }
}
