package dev.ppo.api.env;

import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;

/**
 * Creates an observation wrapper (Gymnasium's {@code gymnasium.wrappers}), applied to any env in
 * the order of {@code env.wrappers}, e.g.
 * <pre>env.wrappers = [{name = max_and_skip, skip = 2}, {name = grayscale}, {name = resize, shape = [64, 64]}]</pre>
 * Register it like any plugin ({@code provides dev.ppo.api.env.WrapperProvider with ...}).
 */
public interface WrapperProvider extends Plugin {

    /**
     * @param env      the env to wrap (the plugin's env, or the previous wrapper)
     * @param settings this wrapper's entry of {@code env.wrappers}, defaults merged in
     */
    Env wrap(Env env, Settings settings);
}
