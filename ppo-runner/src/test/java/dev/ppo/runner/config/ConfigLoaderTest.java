package dev.ppo.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.error.PpoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static PpoConfig ppo(Config c) {
        return PpoConfig.from(new Settings("ppo", c.getConfig("ppo")));
    }

    @Test
    void presetOverridesDefaultsAndSetOverridesPreset() throws Exception {
        Path preset = Files.writeString(dir.resolve("p.conf"), "seed = 5\nppo { num_envs = 2, gamma = 0.9 }\n");
        Config c = ConfigLoader.load(preset, List.of("ppo.gamma=0.95", "objective.name=adaptive-kl"));
        assertThat(c.getLong("seed")).isEqualTo(5);
        assertThat(ppo(c).numEnvs()).isEqualTo(2);
        assertThat(ppo(c).gamma()).isEqualTo(0.95);
        assertThat(ppo(c).numSteps()).isEqualTo(128); // reference.conf default
        assertThat(c.getString("objective.name")).isEqualTo("adaptive-kl");
    }

    @Test
    void criticLearningRateFollowsAnOverriddenLearningRate() {
        Config c = ConfigLoader.load(null, List.of("ppo.learning_rate=0.003"));
        assertThat(ppo(c).criticLearningRate()).isEqualTo(0.003);
    }

    @Test
    void misspelledKeyNamesFileLineAndSuggestion() throws Exception {
        Path preset = Files.writeString(dir.resolve("typo.conf"), "seed = 1\nppo {\n  lerning_rate = 0.1\n}\n");
        assertThatThrownBy(() -> ConfigLoader.load(preset, List.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ppo.lerning_rate")
                .hasMessageContaining("typo.conf:3")
                .hasMessageContaining("did you mean ppo.learning_rate?");
    }

    @Test
    void unknownKeyFromSetIsReported() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sede=3")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("sede")
                .hasMessageContaining("--set sede=3")
                .hasMessageContaining("did you mean seed?");
    }

    @Test
    void mistypedValueNamesTheKey() {
        // caught when the configuration is loaded, against the type of the default
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("ppo.gamma=high")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ppo.gamma").hasMessageContaining("--set ppo.gamma=high")
                .hasMessageContaining("must be a number, not a string");
        // a number written as a string is still a number
        assertThat(ppo(ConfigLoader.load(null, List.of("ppo.gamma=\"0.9\""))).gamma()).isEqualTo(0.9);
    }

    @Test
    void outOfRangeValuesAreRejectedWithTheRule() {
        assertThatThrownBy(() -> ppo(ConfigLoader.load(null, List.of("ppo.gamma=1.5"))))
                .hasMessageContaining("ppo.gamma = 1.5").hasMessageContaining("must be in (0.0, 1.0]");
        assertThatThrownBy(() -> ppo(ConfigLoader.load(null, List.of("ppo.gamma=0"))))
                .hasMessageContaining("ppo.gamma");
        assertThatThrownBy(() -> ppo(ConfigLoader.load(null, List.of("ppo.entropy_coef=-0.1"))))
                .hasMessageContaining("ppo.entropy_coef = -0.1").hasMessageContaining("must be >= 0");
        assertThatThrownBy(() -> ppo(ConfigLoader.load(null, List.of("ppo.num_envs=2", "ppo.num_steps=8",
                "ppo.minibatch_size=32"))))
                .hasMessageContaining("ppo.minibatch_size = 32")
                .hasMessageContaining("num_envs * num_steps = 2 * 8 = 16");
    }

    @Test
    void missingPresetAndBadSyntaxAreClearErrors() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.conf"), List.of()))
                .isInstanceOf(PpoException.class).hasMessageContaining("nope.conf");
        Path bad = Files.writeString(dir.resolve("bad.conf"), "ppo { gamma = \n");
        assertThatThrownBy(() -> ConfigLoader.load(bad, List.of()))
                .isInstanceOf(PpoException.class).hasMessageContaining("bad.conf");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("novalue")))
                .isInstanceOf(PpoException.class).hasMessageContaining("key=value");
    }

    @Test
    void decayingActionStdInterpolatesTheVariance() {
        PpoConfig c = ppo(ConfigLoader.load(null, List.of("ppo.action_std=decay")));
        assertThat(c.learnActionStd()).isFalse();
        assertThat(c.actionStd(1.0)).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.actionStd(0.0)).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.actionStd(0.5)).isCloseTo(Math.sqrt((0.36 + 0.01) / 2), org.assertj.core.api.Assertions.within(1e-12));
        assertThatThrownBy(() -> ppo(ConfigLoader.load(null, List.of("ppo.action_std=fixed"))))
                .hasMessageContaining("ppo.action_std = fixed").hasMessageContaining("learned, decay");
    }

    @Test
    void editDistanceCountsEdits() {
        assertThat(ConfigLoader.editDistance("seed", "sede")).isEqualTo(2);
        assertThat(ConfigLoader.editDistance("gamma", "gamma")).isZero();
    }
}
