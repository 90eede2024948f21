package dev.ppo.runner.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;

/**
 * {@code env.name = Faulty-v0}: a 4-float, 2-action env that misbehaves on purpose, as a broken
 * third-party plugin would, from step {@code fault_step} of every episode. {@code fault} is one of
 * {@code none}, {@code nan_observation}, {@code inf_reward}, {@code wrong_size}, {@code throw_step},
 * {@code null_step}, {@code throw_reset}, {@code null_reset}, {@code throw_create}, {@code null_create}.
 */
public final class FaultyEnvProvider implements EnvProvider {

    @Override
    public String name() {
        return "Faulty-v0";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("fault = none\nfault_step = 3");
    }

    @Override
    public Env create(Settings settings) {
        String fault = settings.getString("fault");
        int faultStep = settings.getInt("fault_step");
        if (fault.equals("throw_create")) {
            throw new IllegalStateException("no licence server");
        }
        return fault.equals("null_create") ? null : new FaultyEnv(fault, faultStep);
    }

    private static final class FaultyEnv implements Env {
        private final String fault;
        private final int faultStep;
        private int t;

        FaultyEnv(String fault, int faultStep) {
            this.fault = fault;
            this.faultStep = faultStep;
        }

        @Override
        public Space observationSpace() {
            return Box.of(-10, 10, 4);
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        public float[] reset(long seed) {
            return reset();
        }

        @Override
        public float[] reset() {
            t = 0;
            if (fault.equals("throw_reset")) {
                throw new IllegalStateException("reset failed");
            }
            return fault.equals("null_reset") ? null : new float[4];
        }

        @Override
        public StepResult step(float[] action) {
            t++;
            boolean faulty = t >= faultStep;
            float[] obs = new float[faulty && fault.equals("wrong_size") ? 7 : 4];
            if (faulty && fault.equals("nan_observation")) {
                obs[2] = Float.NaN;
            }
            if (faulty && fault.equals("throw_step")) {
                throw new IllegalStateException("physics exploded");
            }
            if (faulty && fault.equals("null_step")) {
                return null;
            }
            double reward = faulty && fault.equals("inf_reward") ? Double.POSITIVE_INFINITY : 1;
            return new StepResult(obs, reward, t >= 20, false);
        }
    }
}
