/**
 * Ports of Gymnasium's Box2D environments on JBox2D.
 */
module dev.ppo.envs.box2d {
    requires dev.ppo.api;
    requires dev.ppo.envs.support; // Pcg64 (seeded resets match Gymnasium's) and the render helpers
    requires jbox2d.library;
    requires java.desktop; // render(): Java2D on a BufferedImage, headless

    exports dev.ppo.envs.box2d.lunarlander;
    exports dev.ppo.envs.box2d.carracing;
    exports dev.ppo.envs.box2d.bipedalwalker;

    provides dev.ppo.api.env.EnvProvider with
            dev.ppo.envs.box2d.lunarlander.LunarLanderProvider,
            dev.ppo.envs.box2d.lunarlander.LunarLanderContinuousProvider,
            dev.ppo.envs.box2d.carracing.CarRacingProvider,
            dev.ppo.envs.box2d.bipedalwalker.BipedalWalkerProvider,
            dev.ppo.envs.box2d.bipedalwalker.BipedalWalkerHardcoreProvider;
}
