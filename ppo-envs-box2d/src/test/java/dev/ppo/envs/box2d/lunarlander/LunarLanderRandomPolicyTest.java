package dev.ppo.envs.box2d.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.TimeLimit;
import dev.ppo.envs.random.Pcg64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Uniform random actions over 100 episodes (env seeds 0..99, actions from
 * {@code default_rng(1000 + seed)} as in the golden files) must give the mean return Gymnasium
 * gives: -191 ± 107 (discrete) and -207 ± 115 (continuous), mean ± standard deviation over 100
 * episodes, i.e. a standard error of about 11. The bound is 3.5 standard errors of the difference
 * of two such means (both samples' errors combined, about 16), i.e. about ±55.
 */
class LunarLanderRandomPolicyTest {

    static final int EPISODES = 100;

    @ParameterizedTest(name = "continuous={0}")
    @CsvSource({"false, -191, 107", "true, -207, 115"})
    void meanReturnMatchesGymnasium(boolean continuous, double gymMean, double gymStd) {
        double[] returns = new double[EPISODES];
        long steps = 0;
        long start = System.nanoTime();
        for (int seed = 0; seed < EPISODES; seed++) {
            Env env = new TimeLimit(new LunarLander(continuous, -10.0, false, 15.0, 1.5), 1000);
            Pcg64 actions = new Pcg64(1000 + seed);
            env.reset(seed);
            double total = 0;
            for (boolean done = false; !done; steps++) {
                StepResult result = env.step(randomAction(actions, continuous));
                total += result.reward();
                done = result.done();
            }
            returns[seed] = total;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mean = 0;
        for (double r : returns) {
            mean += r / EPISODES;
        }
        double var = 0;
        for (double r : returns) {
            var += (r - mean) * (r - mean) / (EPISODES - 1);
        }
        double std = Math.sqrt(var);
        double seDiff = Math.sqrt(var / EPISODES + gymStd * gymStd / EPISODES);
        System.out.printf("LunarLander continuous=%b: mean return %.1f ± %.1f (std) over %d episodes, "
                + "Gymnasium %.0f ± %.0f; %d steps in %.2f s%n", continuous, mean, std, EPISODES, gymMean, gymStd,
                steps, seconds);
        assertThat(Math.abs(mean - gymMean)).as("|mean - Gymnasium's| vs 3.5 standard errors (%.1f)", 3.5 * seDiff)
                .isLessThanOrEqualTo(3.5 * seDiff);
        assertThat(std).as("spread of returns").isBetween(gymStd / 2, gymStd * 2);
    }

    /** Gymnasium's recorded action rule: {@code integers(0, 4)} or one {@code uniform(-1, 1)} per element. */
    static float[] randomAction(Pcg64 rng, boolean continuous) {
        if (continuous) {
            return new float[] {(float) rng.uniform(-1.0, 1.0), (float) rng.uniform(-1.0, 1.0)};
        }
        return new float[] {rng.integers(0, 4)};
    }
}
