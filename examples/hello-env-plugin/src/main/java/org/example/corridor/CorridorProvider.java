package org.example.corridor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.api.plugin.Settings;

/**
 * {@code env.name = Corridor-v0}: a {@link CorridorEnv} of {@code length} cells, cut off after
 * {@code max_episode_steps} by the api's {@link TimeLimit} (reported as {@code truncated}).
 */
public final class CorridorProvider implements EnvProvider {

    @Override
    public String name() {
        return "Corridor-v0";
    }

    @Override
    public String description() {
        return "walk right along a corridor to the goal (example third-party plugin)";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("""
                length = 8
                max_episode_steps = 50
                """);
    }

    @Override
    public Env create(Settings settings) {
        int length = settings.intAtLeast("length", 2);
        int maxEpisodeSteps = settings.intAtLeast("max_episode_steps", 1);
        return new TimeLimit(new CorridorEnv(length), maxEpisodeSteps);
    }
}
