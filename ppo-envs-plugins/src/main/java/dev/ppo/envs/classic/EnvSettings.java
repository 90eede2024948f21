package dev.ppo.envs.classic;

import dev.ppo.api.plugin.Settings;

/** Settings checks shared by the providers. */
final class EnvSettings {

    private EnvSettings() {
    }

    /**
     * {@code max_episode_steps}: an integer >= 1. Typesafe Config's {@code getInt} silently
     * truncates {@code 1.5} to 1, so a fractional value is rejected here first.
     */
    static int maxEpisodeSteps(Settings settings) {
        String key = "max_episode_steps";
        double raw = settings.getDouble(key);
        if (raw != Math.rint(raw)) {
            throw settings.invalid(key, raw, "must be an integer >= 1");
        }
        return settings.intAtLeast(key, 1);
    }
}
