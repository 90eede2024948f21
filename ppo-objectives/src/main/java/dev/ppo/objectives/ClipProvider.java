package dev.ppo.objectives;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Settings;

/** {@code objective.name = clip}: the clipped surrogate, {@link ClipObjective}. */
public final class ClipProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "clip";
    }

    @Override
    public String description() {
        return "clipped surrogate L^CLIP, paper eq. 7 (optional linear annealing of epsilon)";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("""
                clip_epsilon = 0.2
                anneal_clip = false
                """);
    }

    @Override
    public Objective create(Settings settings) {
        double clipEpsilon = settings.getDouble("clip_epsilon");
        if (!(clipEpsilon > 0 && clipEpsilon < 1)) {
            throw settings.invalid("clip_epsilon", clipEpsilon, "must be in (0, 1)");
        }
        return new ClipObjective(clipEpsilon, settings.getBoolean("anneal_clip"));
    }
}
