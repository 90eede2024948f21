/** Test helpers: evaluate objectives and the PPO loss in plain Java, build a plugin's settings. */
module dev.ppo.testing {
    requires transitive dev.ppo.api;

    exports dev.ppo.testing;
}
