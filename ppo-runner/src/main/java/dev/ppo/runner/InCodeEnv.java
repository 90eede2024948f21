package dev.ppo.runner;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.plugin.Settings;
import java.util.function.Supplier;

/** The env provider behind {@link Ppo#trainer(Config, Supplier)}: envs come from the caller's code. */
final class InCodeEnv implements EnvProvider {

    static final String NAME = "in-code";

    private final Supplier<? extends Env> envs;

    InCodeEnv(Supplier<? extends Env> envs) {
        this.envs = java.util.Objects.requireNonNull(envs, "envs");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "envs built by the embedding application's code (Ppo.trainer(config, envs))";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.empty();
    }

    @Override
    public Env create(Settings settings) {
        return envs.get();
    }
}
