package dev.ppo.objectives;

import static dev.ppo.objectives.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.InvalidSettingException;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Discovery by name, defaults, and rejection of out-of-range settings. */
class ProvidersTest {

    @Test
    void serviceLoaderFindsTheFourObjectivesByName() {
        Map<String, ObjectiveProvider> byName = ServiceLoader.load(ObjectiveProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(ObjectiveProvider::name, p -> p));
        assertThat(byName).containsOnlyKeys("clip", "adaptive-kl", "fixed-kl", "cpi");
        assertThat(byName.get("clip")).isInstanceOf(ClipProvider.class);
        assertThat(byName.get("adaptive-kl")).isInstanceOf(AdaptiveKlProvider.class);
        assertThat(byName.get("fixed-kl")).isInstanceOf(FixedKlProvider.class);
        assertThat(byName.get("cpi")).isInstanceOf(CpiProvider.class);
        byName.values().forEach(p -> assertThat(p.description()).as(p.name()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void defaultsAreCompleteAndBuildTheDocumentedObjectives() {
        ClipObjective clip = (ClipObjective) new ClipProvider().create(settings(new ClipProvider(), "objective", ""));
        assertThat(clip.clipEpsilon()).isEqualTo(0.2);
        clip.beginUpdate(0.5);
        assertThat(clip.currentEpsilon()).as("anneal_clip defaults to false").isEqualTo(0.2);

        AdaptiveKlObjective adaptive = (AdaptiveKlObjective) new AdaptiveKlProvider()
                .create(settings(new AdaptiveKlProvider(), "objective", ""));
        assertThat(adaptive.klTarget()).isEqualTo(0.01);
        assertThat(adaptive.beta()).isEqualTo(1.0);

        FixedKlObjective fixed = (FixedKlObjective) new FixedKlProvider()
                .create(settings(new FixedKlProvider(), "objective", ""));
        assertThat(fixed.beta()).isEqualTo(1.0);

        assertThat(new CpiProvider().create(settings(new CpiProvider(), "objective", "")))
                .isInstanceOf(CpiObjective.class);
        assertThat(new CpiProvider().defaults().isEmpty()).isTrue();
    }

    @Test
    void userValuesOverrideDefaults() {
        ClipObjective clip = (ClipObjective) new ClipProvider()
                .create(settings(new ClipProvider(), "objective", "clip_epsilon = 0.1, anneal_clip = true"));
        assertThat(clip.clipEpsilon()).isEqualTo(0.1);
        clip.beginUpdate(0.5);
        assertThat(clip.currentEpsilon()).isEqualTo(0.05);

        AdaptiveKlObjective adaptive = (AdaptiveKlObjective) new AdaptiveKlProvider()
                .create(settings(new AdaptiveKlProvider(), "objective", "kl_target = 0.02, beta_init = 3"));
        assertThat(adaptive.klTarget()).isEqualTo(0.02);
        assertThat(adaptive.beta()).isEqualTo(3.0);

        assertThat(((FixedKlObjective) new FixedKlProvider()
                .create(settings(new FixedKlProvider(), "objective", "beta = 0"))).beta()).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, 1.0, 1.5})
    void clipEpsilonOutsideOpenUnitIntervalIsRejected(double epsilon) {
        assertThatThrownBy(() -> new ClipProvider()
                .create(settings(new ClipProvider(), "objective", "clip_epsilon = " + epsilon)))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("objective.clip_epsilon"))
                .hasMessageContaining("objective.clip_epsilon")
                .hasMessageContaining("(0, 1)");
    }

    @Test
    void negativeFixedBetaIsRejected() {
        assertThatThrownBy(() -> new FixedKlProvider().create(settings(new FixedKlProvider(), "objective", "beta = -1")))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("objective.beta"))
                .hasMessageContaining("objective.beta");
    }

    @Test
    void zeroKlTargetIsRejected() {
        assertThatThrownBy(() -> new AdaptiveKlProvider()
                .create(settings(new AdaptiveKlProvider(), "objective", "kl_target = 0")))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("objective.kl_target"))
                .hasMessageContaining("objective.kl_target");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2"})
    void nonPositiveInitialBetaIsRejected(String beta) {
        assertThatThrownBy(() -> new AdaptiveKlProvider()
                .create(settings(new AdaptiveKlProvider(), "objective", "beta_init = " + beta)))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("objective.beta_init"));
    }

    @Test
    void aWrongTypeNamesTheKey() {
        assertThatThrownBy(() -> new ClipProvider()
                .create(settings(new ClipProvider(), "objective", "clip_epsilon = wide")))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("objective.clip_epsilon"));
    }
}
