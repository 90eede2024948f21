/**
 * Ports of Gymnasium environments ({@code CartPole-v1}, {@code Pendulum-v1}) and of its observation
 * wrappers; numpy's PCG64 and the render helpers come from {@code dev.ppo.envs.support}.
 */
module dev.ppo.envs {
    requires transitive dev.ppo.envs.support; // CartPole and Pendulum extend NpRandomEnv

    exports dev.ppo.envs.classic;
    exports dev.ppo.envs.wrappers;

    provides dev.ppo.api.env.EnvProvider with
            dev.ppo.envs.classic.CartPoleProvider,
            dev.ppo.envs.classic.PendulumProvider;
    provides dev.ppo.api.env.WrapperProvider with
            dev.ppo.envs.wrappers.WrapperProviders.MaxAndSkip,
            dev.ppo.envs.wrappers.WrapperProviders.Grayscale,
            dev.ppo.envs.wrappers.WrapperProviders.Resize,
            dev.ppo.envs.wrappers.WrapperProviders.FrameStackProvider,
            dev.ppo.envs.wrappers.WrapperProviders.MaskVelocity;
}
