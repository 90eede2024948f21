package dev.ppo.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;
import java.util.Map;

/**
 * The settings block of a selected plugin: the user's keys beside {@code name}, checked against the
 * plugin's {@link Plugin#defaults()} (an unknown key is an error naming the keys it accepts), with
 * the defaults filling in the rest.
 */
public final class PluginSettings {

    private PluginSettings() {
    }

    /**
     * @param block  e.g. {@code objective}
     * @param config the whole run configuration
     */
    public static Settings of(String block, Config config, Plugin plugin) {
        Config user = config.getConfig(block).withoutPath("name");
        Config defaults = plugin.defaults();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            if (!defaults.hasPathOrNull(e.getKey())) {
                String accepted = defaults.isEmpty() ? "it takes no settings"
                        : "it accepts " + String.join(", ", ConfigLoader.keys(defaults));
                throw new InvalidSettingException(block + "." + e.getKey(), e.getValue().unwrapped(),
                        "unknown setting for " + block + " plugin '" + plugin.name() + "'; " + accepted,
                        Settings.describe(e.getValue().origin()));
            }
        }
        return new Settings(block, user.withFallback(defaults));
    }
}
