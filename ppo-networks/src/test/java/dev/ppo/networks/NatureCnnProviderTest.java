package dev.ppo.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Conv;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code nature-cnn} network: its defaults are SB3's CnnPolicy, and bad settings name their key. */
class NatureCnnProviderTest {

    private static NetworkSpec create(String hocon) {
        NatureCnnProvider p = new NatureCnnProvider();
        return p.create(new Settings("network", ConfigFactory.parseString(hocon).withFallback(p.defaults())));
    }

    @Test
    void defaultsAreTheNatureDqnTrunkSharedByActorAndCritic() {
        NetworkSpec spec = create("");
        assertThat(spec.conv()).containsExactly(new Conv(32, 8, 4), new Conv(64, 4, 2), new Conv(64, 3, 1));
        assertThat(spec.actorHidden()).containsExactly(512);
        assertThat(spec.activation()).isEqualTo(NetworkSpec.Activation.RELU);
        assertThat(spec.shared()).isTrue();
        assertThat(spec.inputScale()).isEqualTo(1 / 255.0);
        assertThat(spec.convolutional()).isTrue();
        assertThat(spec.recurrent()).as("feed-forward unless lstm_hidden is set").isFalse();
        assertThat(new NatureCnnProvider().description()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void carRacingFramesShrinkTo8By8By64() {
        int side = 96;
        for (Conv c : create("").conv()) {
            side = c.outputLength(side);
        }
        assertThat(side).isEqualTo(8);
    }

    @Test
    void userValuesOverrideDefaults() {
        NetworkSpec spec = create("features = 256, shared = false, scale = 1");
        assertThat(spec.actorHidden()).containsExactly(256);
        assertThat(spec.criticHidden()).as("separate critic gets the same width").containsExactly(256);
        assertThat(spec.shared()).isFalse();
        assertThat(spec.inputScale()).isEqualTo(1.0);
    }

    @Test
    void lstmHiddenMakesTheSharedTrunkRecurrent() {
        NetworkSpec spec = create("lstm_hidden = 256");
        assertThat(spec.lstmHidden()).isEqualTo(256);
        assertThat(spec.recurrent()).isTrue();
        assertThat(spec.actorHidden()).as("the dense layer stays before the LSTM").containsExactly(512);
    }

    @ParameterizedTest
    @ValueSource(strings = {"features = 0", "scale = 0", "scale = -0.5", "lstm_hidden = -1",
            "lstm_hidden = 256, shared = false"})
    void outOfRangeSettingsAreRejected(String hocon) {
        String key = "network." + hocon.substring(0, hocon.indexOf(' '));
        assertThatThrownBy(() -> create(hocon))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    @Test
    void mlpSpecsHaveNoConvolutions() {
        NetworkSpec mlp = new NetworkSpec(List.of(64), List.of(64), NetworkSpec.Activation.TANH, false);
        assertThat(mlp.conv()).isEmpty();
        assertThat(mlp.inputScale()).isEqualTo(1.0);
        assertThat(mlp.convolutional()).isFalse();
    }
}
