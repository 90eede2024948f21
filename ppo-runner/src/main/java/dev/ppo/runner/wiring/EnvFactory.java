package dev.ppo.runner.wiring;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.WrapperProvider;
import java.util.List;
import dev.ppo.api.env.FrameStack;
import dev.ppo.api.plugin.Settings;

/**
 * The selected env plugin with its settings: makes as many envs as the run needs, each checked
 * ({@link CheckedEnv}), then wrapped by {@code env.wrappers} in order, then stacking its last
 * {@code frameStack} observations when that is more than 1 ({@code ppo.frame_stack}). Training,
 * {@code eval}, {@code play} and {@code Policy} all build their envs here, from the run's saved
 * configuration, so they see the same observations.
 */
public record EnvFactory(EnvProvider provider, Settings settings, List<Wrapping> wrappers, int frameStack) {

    /** One entry of {@code env.wrappers}. */
    public record Wrapping(WrapperProvider provider, Settings settings) {
    }

    public Env create() {
        String plugin = "env plugin " + provider.name();
        Env env = new CheckedEnv(PluginCall.call(plugin, "create()", () -> provider.create(settings)), provider.name());
        for (Wrapping w : wrappers) {
            Env inner = env;
            env = PluginCall.call("wrapper " + w.provider().name() + " (" + w.settings().path() + ")", "wrap()",
                    () -> w.provider().wrap(inner, w.settings()));
        }
        return frameStack > 1 ? new FrameStack(env, frameStack) : env;
    }
}
