package dev.ppo.testing;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;

/** A plugin's settings as the runner hands them to {@code create}: the given HOCON over its defaults. */
public final class PluginSettings {

    private PluginSettings() {
    }

    /**
     * @param plugin the provider whose {@code defaults()} fill in what {@code hocon} leaves out
     * @param path   the block's path in the run's configuration (e.g. {@code network}), for messages
     * @param hocon  the user's settings, e.g. {@code "hidden = [64, 0]"}
     */
    public static Settings of(Plugin plugin, String path, String hocon) {
        return new Settings(path, ConfigFactory.parseString(hocon).withFallback(plugin.defaults()));
    }
}
