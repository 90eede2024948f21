package dev.ppo.objectives;

import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Settings;

/** {@code objective.name = cpi}: the unconstrained surrogate, {@link CpiObjective}. Takes no settings. */
public final class CpiProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "cpi";
    }

    @Override
    public String description() {
        return "unclipped, unpenalized surrogate L^CPI, paper eq. 6 (baseline)";
    }

    @Override
    public Objective create(Settings settings) {
        return new CpiObjective();
    }
}
