package dev.ppo.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;
import java.util.Collection;
import java.util.Map;

/**
 * The settings block of a selected plugin: the user's keys beside {@code name}, checked against the
 * plugin's {@link Plugin#defaults()}, with the defaults filling in the rest.
 *
 * <p>A key that is a setting of another plugin of the same kind is ignored with a warning, so that
 * {@code --set objective.name=adaptive-kl} works on a preset that configures {@code clip}; a key
 * that no plugin of that kind accepts is an error naming the keys the selected one accepts.
 */
public final class PluginSettings {

    private static final System.Logger LOG = System.getLogger(PluginSettings.class.getName());

    /** {@code env.wrappers}: the observation wrappers applied to every env, in order. */
    public static final String ENV_WRAPPERS = "wrappers";

    private PluginSettings() {
    }

    /**
     * The settings of one entry of a plugin list such as {@code env.wrappers} or {@code run.sinks}: its keys beside
     * {@code name}, each one the plugin accepts.
     *
     * @param where e.g. {@code env.wrappers[2]}
     * @param kind  e.g. {@code wrapper}
     */
    public static Settings ofEntry(String where, String kind, Config entry, Plugin plugin) {
        Config user = entry.withoutPath("name");
        Config defaults = plugin.defaults();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            if (!defaults.hasPathOrNull(e.getKey())) {
                String accepted = defaults.isEmpty() ? "it takes no settings"
                        : "it accepts " + String.join(", ", ConfigLoader.keys(defaults));
                throw new InvalidSettingException(where + "." + e.getKey(), e.getValue().unwrapped(),
                        "unknown setting for " + kind + " '" + plugin.name() + "'; " + accepted,
                        Settings.describe(e.getValue().origin()));
            }
        }
        return new Settings(where, user.withFallback(defaults));
    }

    /**
     * @param block    e.g. {@code objective}
     * @param config   the whole run configuration
     * @param plugin   the selected plugin
     * @param siblings every plugin of the same kind (may include {@code plugin})
     */
    public static Settings of(String block, Config config, Plugin plugin, Collection<? extends Plugin> siblings) {
        Config user = config.getConfig(block).withoutPath("name");
        if (block.equals("env")) {
            user = user.withoutPath(ENV_WRAPPERS); // the runner's, not the env plugin's
        }
        Config defaults = plugin.defaults();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            if (defaults.hasPathOrNull(e.getKey())) {
                continue;
            }
            String owner = siblings.stream().filter(p -> p.defaults().hasPathOrNull(e.getKey()))
                    .map(Plugin::name).findFirst().orElse(null);
            if (owner != null) {
                LOG.log(System.Logger.Level.WARNING, "{0}.{1} ({2}) is a setting of {0} plugin ''{3}'', not of the selected ''{4}''; ignored",
                        block, e.getKey(), Settings.describe(e.getValue().origin()), owner, plugin.name());
                user = user.withoutPath(e.getKey());
            } else {
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
