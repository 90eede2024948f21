/**
 * What the env plugins share: {@code dev.ppo.envs.random} (numpy's SeedSequence and PCG64, so
 * {@code reset(seed)} draws Gymnasium's initial states) and {@code dev.ppo.envs.render} (the
 * Java2D canvas and its conversion to an RgbFrame). No env lives here.
 */
module dev.ppo.envs.support {
    requires transitive dev.ppo.api; // NpRandomEnv and Images expose api types
    requires transitive java.desktop; // Images: Java2D on a BufferedImage, headless

    exports dev.ppo.envs.random;
    exports dev.ppo.envs.render;
}
