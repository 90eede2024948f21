package dev.ppo.api.objective;

import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;

/**
 * Creates a policy {@link Objective}, selected with {@code objective.name} ({@code clip},
 * {@code adaptive-kl}, {@code fixed-kl}, {@code cpi}, or a third party's name). Registered with
 * {@code provides dev.ppo.api.objective.ObjectiveProvider with ...} and in
 * {@code META-INF/services}.
 */
public interface ObjectiveProvider extends Plugin {

    /**
     * @param settings the {@code objective} block, defaults merged in; out-of-range values throw
     *                 {@link dev.ppo.api.plugin.InvalidSettingException}
     */
    Objective create(Settings settings);
}
