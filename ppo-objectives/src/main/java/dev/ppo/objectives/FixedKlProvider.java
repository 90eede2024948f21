package dev.ppo.objectives;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Settings;

/** {@code objective.name = fixed-kl}: the KL penalty with a constant β, {@link FixedKlObjective}. */
public final class FixedKlProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "fixed-kl";
    }

    @Override
    public String description() {
        return "KL-penalized surrogate L^KLPEN, paper eq. 8, with a constant beta";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("beta = 1.0");
    }

    @Override
    public Objective create(Settings settings) {
        return new FixedKlObjective(settings.nonNegative("beta"));
    }
}
