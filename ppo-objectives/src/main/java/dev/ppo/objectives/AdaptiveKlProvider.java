package dev.ppo.objectives;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Settings;

/** {@code objective.name = adaptive-kl}: the KL penalty with adaptive β, {@link AdaptiveKlObjective}. */
public final class AdaptiveKlProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "adaptive-kl";
    }

    @Override
    public String description() {
        return "KL-penalized surrogate L^KLPEN, paper eq. 8, beta adapted toward kl_target (section 4)";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("""
                kl_target = 0.01
                beta_init = 1.0
                """);
    }

    @Override
    public Objective create(Settings settings) {
        return new AdaptiveKlObjective(settings.positive("kl_target"), settings.positive("beta_init"));
    }
}
