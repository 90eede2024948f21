package dev.ppo.envs.box2d.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.envs.random.Pcg64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-thread throughput with uniform random actions (sampling included, resets included, no
 * rendering). A measurement, not a check: it runs only with {@code -Dlunarlander.bench=true}.
 */
class LunarLanderThroughputTest {

    @ParameterizedTest(name = "continuous={0}")
    @ValueSource(booleans = {false, true})
    void stepsPerSecond(boolean continuous) {
        Assumptions.assumeTrue(Boolean.getBoolean("lunarlander.bench"), "set -Dlunarlander.bench=true to measure");
        Env env = new TimeLimit(new LunarLander(continuous, -10.0, false, 15.0, 1.5), 1000);
        Pcg64 actions = new Pcg64(1234);
        env.reset(0);
        run(env, actions, continuous, 3.0); // JIT warm-up
        double rate = run(env, actions, continuous, 5.0);
        System.out.printf("LunarLander continuous=%b: %.0f steps/s single-threaded%n", continuous, rate);
        assertThat(rate).isPositive();
    }

    private static double run(Env env, Pcg64 actions, boolean continuous, double seconds) {
        long steps = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long seed = 1;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 100; k++, steps++) {
                if (env.step(LunarLanderRandomPolicyTest.randomAction(actions, continuous)).done()) {
                    env.reset(seed++);
                }
            }
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }
}
