package dev.ppo.runner.wiring;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.FrameStack;
import dev.ppo.api.plugin.Settings;

/**
 * The selected env plugin with its settings: makes as many envs as the run needs, each checked
 * ({@link CheckedEnv}) and stacking its last {@code frameStack} observations when that is more
 * than 1 ({@code ppo.frame_stack}).
 */
public record EnvFactory(EnvProvider provider, Settings settings, int frameStack) {

    public Env create() {
        String plugin = "env plugin " + provider.name();
        Env env = new CheckedEnv(PluginCall.call(plugin, "create()", () -> provider.create(settings)), provider.name());
        return frameStack > 1 ? new FrameStack(env, frameStack) : env;
    }
}
