package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import org.junit.jupiter.api.Test;

class StallTerminationTest {

    /** Pays the rewards it is given, one per step, then 0; never ends on its own unless told to. */
    static final class RewardScript implements Env {
        private final double[] rewards;
        private final int terminalStep;
        private int t;

        RewardScript(int terminalStep, double... rewards) {
            this.rewards = rewards;
            this.terminalStep = terminalStep;
        }

        @Override
        public Space observationSpace() {
            return Box.of(0f, 1000f, 1);
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
            return new float[] {0};
        }

        @Override
        public StepResult step(float[] action) {
            double reward = t < rewards.length ? rewards[t] : 0;
            t++;
            return new StepResult(new float[] {t}, reward, t == terminalStep, false);
        }
    }

    /** The step (1-based) on which the wrapped env first reports terminated, or -1 within {@code steps}. */
    private static int terminatedAt(Env env, int steps) {
        env.reset(0);
        for (int t = 1; t <= steps; t++) {
            StepResult r = env.step(new float[] {0});
            if (r.terminated()) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void endsTheEpisodeAfterLimitStepsInARowWithoutPositiveReward() {
        // positive at steps 1 and 4; steps 5, 6, 7 are the first three in a row without
        Env env = new StallTermination(new RewardScript(0, 1, -0.1, 0, 2, -0.1, 0, -0.2, 5), 3);
        assertThat(terminatedAt(env, 20)).isEqualTo(7);
    }

    @Test
    void aPositiveRewardStartsTheCountAgainAndResetClearsIt() {
        // never three non-positive steps in a row
        Env env = new StallTermination(new RewardScript(0, -1, -1, 1, -1, -1, 1, -1, -1, 1), 3);
        assertThat(terminatedAt(env, 9)).isEqualTo(-1);
        // the count of the episode before does not carry over: a fresh episode needs all 3 again
        Env stalled = new StallTermination(new RewardScript(0), 3);
        stalled.reset(0);
        stalled.step(new float[] {0});
        stalled.step(new float[] {0});
        assertThat(terminatedAt(stalled, 20)).isEqualTo(3);
    }

    @Test
    void keepsTheEnvsOwnEndingAndItsReward() {
        Env env = new StallTermination(new RewardScript(2, -5, -7), 10);
        env.reset(0);
        assertThat(env.step(new float[] {0}).terminated()).isFalse();
        StepResult last = env.step(new float[] {0});
        assertThat(last.terminated()).isTrue();
        assertThat(last.reward()).isEqualTo(-7);
        // a stalled step keeps its observation and reward; only terminated changes
        Env stalled = new StallTermination(new RewardScript(0, 3, -2), 1);
        stalled.reset(0);
        stalled.step(new float[] {0});
        StepResult cut = stalled.step(new float[] {0});
        assertThat(cut.terminated()).isTrue();
        assertThat(cut.truncated()).isFalse();
        assertThat(cut.reward()).isEqualTo(-2);
        assertThat(cut.observation()).containsExactly(2f);
    }

    @Test
    void zeroLeavesTheEnvUnwrappedAndBelowOneIsRefused() {
        Env env = new RewardScript(0);
        assertThat(StallTermination.wrapIfOn(env, 0)).isSameAs(env);
        assertThat(StallTermination.wrapIfOn(env, 4)).isInstanceOf(StallTermination.class);
        assertThatThrownBy(() -> new StallTermination(env, 0)).hasMessageContaining("stall_termination_steps");
    }
}
