/**
 * Ports of Gymnasium environments ({@code CartPole-v1}, {@code Pendulum-v1}) and of NumPy's
 * PCG64 generator that makes their seeded resets match Gymnasium's.
 */
module dev.ppo.envs {
    requires dev.ppo.api;
    requires java.desktop; // render(): Java2D on a BufferedImage, headless

    exports dev.ppo.envs.classic;
    exports dev.ppo.envs.random;

    provides dev.ppo.api.env.EnvProvider with
            dev.ppo.envs.classic.CartPoleProvider,
            dev.ppo.envs.classic.PendulumProvider;
}
