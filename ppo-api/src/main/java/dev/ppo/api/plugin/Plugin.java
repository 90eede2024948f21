package dev.ppo.api.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * What every provider has in common: the name users write in HOCON and the settings it accepts.
 *
 * <p>A plugin's settings sit beside {@code name} in its block, e.g.
 * <pre>objective { name = clip, clip_epsilon = 0.2 }</pre>
 * The runner checks the user's block against {@link #defaults()}: a key that is not there is
 * reported as unknown, with its file and line, and missing keys take the default value.
 * Providers are found with {@link java.util.ServiceLoader}; they must have a public no-argument
 * constructor and do no heavy work until {@code create} is called.
 */
public interface Plugin {

    /** The value of {@code name} that selects this plugin, e.g. {@code clip} or {@code CartPole-v1}. */
    String name();

    /** One line for {@code ppo plugins}. */
    default String description() {
        return "";
    }

    /** Every setting this plugin accepts, with its default value; empty if it takes none. */
    default Config defaults() {
        return ConfigFactory.empty();
    }
}
