package dev.ppo.envs.box2d.carracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.envs.random.Pcg64;
import org.junit.jupiter.api.Test;

/**
 * Uniform random actions on seeds 0..9, full 1000-step episodes (the TimeLimit of CarRacing-v3),
 * against Gymnasium 1.3.0's figures on the same seeds: mean return −31.8 ± 6.8 (continuous) and
 * −56.4 ± 5.8 (discrete, uniform over the 5 actions), ± being the spread over episodes.
 *
 * <p>The tracks are the same as Gymnasium's (same seeds, same draws) but the action sequences are
 * not, so the bound is 3 standard errors of a difference of two 10-episode means:
 * 3·σ·√(2/10), i.e. 9.1 and 7.8. Measured: −33.16 (σ 6.6) and −56.18 (σ 4.3). The test also
 * prints single-thread throughput with pixel rendering.
 */
class RandomPolicyTest {

    private static final int EPISODES = 10;

    @Test
    void continuousRandomPolicyReturnsLikeGymnasium() {
        double mean = meanReturn(true);
        assertThat(mean).isCloseTo(-31.8, within(3 * 6.8 * Math.sqrt(2.0 / EPISODES)));
    }

    @Test
    void discreteRandomPolicyReturnsLikeGymnasium() {
        double mean = meanReturn(false);
        assertThat(mean).isCloseTo(-56.4, within(3 * 5.8 * Math.sqrt(2.0 / EPISODES)));
    }

    private static double meanReturn(boolean continuous) {
        Env env = new TimeLimit(new CarRacing(continuous, false, 0.95), 1000);
        double sum = 0;
        double sumSq = 0;
        long steps = 0;
        long start = System.nanoTime();
        for (int seed = 0; seed < EPISODES; seed++) {
            env.reset(seed);
            Pcg64 rng = new Pcg64(1000 + seed); // the golden files' action rule
            double ret = 0;
            while (true) {
                float[] action = continuous
                        ? new float[] {(float) rng.uniform(-1, 1), (float) rng.uniform(0, 1), (float) rng.uniform(0, 1)}
                        : new float[] {rng.integers(0, 5)};
                StepResult result = env.step(action);
                ret += result.reward();
                steps++;
                if (result.done()) {
                    break;
                }
            }
            sum += ret;
            sumSq += ret * ret;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mean = sum / EPISODES;
        double std = Math.sqrt(Math.max(0, sumSq / EPISODES - mean * mean));
        System.out.printf("CarRacing-v3 %s random policy, seeds 0..%d: mean return %.2f (std %.2f); "
                + "%d steps in %.1f s = %.0f steps/s single-thread with rendering%n",
                continuous ? "continuous" : "discrete", EPISODES - 1, mean, std, steps, seconds, steps / seconds);
        return mean;
    }
}
