/**
 * Ports of Gymnasium environments ({@code CartPole-v1}, {@code Pendulum-v1}), of its observation
 * wrappers, and of NumPy's PCG64 generator that makes their seeded resets match Gymnasium's.
 */
module dev.ppo.envs {
    requires transitive dev.ppo.api; // NpRandomEnv and Images expose api and AWT types
    requires transitive java.desktop; // render(): Java2D on a BufferedImage, headless

    exports dev.ppo.envs.classic;
    exports dev.ppo.envs.random; // Pcg64 and NpRandomEnv, shared with the Box2D envs
    exports dev.ppo.envs.render; // Images: the envs' Java2D canvas and RgbFrame conversion
    exports dev.ppo.envs.wrappers;

    provides dev.ppo.api.env.EnvProvider with
            dev.ppo.envs.classic.CartPoleProvider,
            dev.ppo.envs.classic.PendulumProvider;
    provides dev.ppo.api.env.WrapperProvider with
            dev.ppo.envs.wrappers.WrapperProviders.MaxAndSkip,
            dev.ppo.envs.wrappers.WrapperProviders.Grayscale,
            dev.ppo.envs.wrappers.WrapperProviders.Resize,
            dev.ppo.envs.wrappers.WrapperProviders.FrameStackProvider;
}
