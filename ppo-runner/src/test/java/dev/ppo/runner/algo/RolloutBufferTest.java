package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.backend.Minibatch;
import org.junit.jupiter.api.Test;

class RolloutBufferTest {

    private static final double GAMMA = 0.9;
    private static final double LAMBDA = 0.5;

    /** One env, three steps; values 1, 2, 3 and V(s_3) = 4. */
    private RolloutBuffer bufferWithRewards(double[] rewards, boolean[] ends) {
        RolloutBuffer buffer = new RolloutBuffer(3, 1, 1, 1, 2);
        for (int t = 0; t < 3; t++) {
            buffer.storeStep(t, new float[] {t}, new float[] {0}, new float[] {-0.7f}, new float[] {0, 0},
                    new float[] {t + 1});
            buffer.storeOutcome(t, 0, rewards[t], ends[t]);
        }
        buffer.computeAdvantages(new float[] {4}, GAMMA, LAMBDA);
        return buffer;
    }

    @Test
    void gaeWithoutEpisodeEndBootstrapsFromTheLastValue() {
        RolloutBuffer b = bufferWithRewards(new double[] {1, 1, 1}, new boolean[] {false, false, false});
        // delta_t = r + gamma V_{t+1} - V_t
        double d2 = 1 + 0.9 * 4 - 3; // 1.6
        double d1 = 1 + 0.9 * 3 - 2; // 1.7
        double d0 = 1 + 0.9 * 2 - 1; // 1.8
        double a2 = d2;
        double a1 = d1 + 0.45 * a2;
        double a0 = d0 + 0.45 * a1;
        assertThat(b.advantage(2)).isCloseTo((float) a2, within(1e-6f));
        assertThat(b.advantage(1)).isCloseTo((float) a1, within(1e-6f));
        assertThat(b.advantage(0)).isCloseTo((float) a0, within(1e-6f));
        assertThat(b.returnAt(0)).isCloseTo((float) (a0 + 1), within(1e-6f));
    }

    @Test
    void episodeEndStopsBootstrappingAndAdvantageFlow() {
        // the episode ends at step 1: step 1 must not see V(s_2), and step 0 must not see step 2
        RolloutBuffer b = bufferWithRewards(new double[] {1, 5, 1}, new boolean[] {false, true, false});
        double a2 = 1 + 0.9 * 4 - 3;
        double a1 = 5 - 2.0; // no bootstrap past a terminal step
        double a0 = (1 + 0.9 * 2 - 1) + 0.45 * a1;
        assertThat(b.advantage(2)).isCloseTo((float) a2, within(1e-6f));
        assertThat(b.advantage(1)).isCloseTo((float) a1, within(1e-6f));
        assertThat(b.advantage(0)).isCloseTo((float) a0, within(1e-6f));
    }

    @Test
    void minibatchAdvantagesAreNormalizedPerMinibatch() {
        RolloutBuffer b = bufferWithRewards(new double[] {1, 5, 1}, new boolean[] {false, true, false});
        Minibatch mb = b.newMinibatch(3);
        b.fillMinibatch(new int[] {2, 0, 1}, 0, mb, true);
        double mean = 0;
        for (float a : mb.advantages()) {
            mean += a;
        }
        assertThat(mean / 3).isCloseTo(0, within(1e-6));
        double var = 0;
        for (float a : mb.advantages()) {
            var += a * a;
        }
        assertThat(var / 2).isCloseTo(1, within(1e-5)); // unbiased variance
        assertThat(mb.observations()).containsExactly(2, 0, 1);
        assertThat(mb.oldValues()).containsExactly(3, 1, 2);
        assertThat(mb.oldLogProbs()).containsExactly(-0.7f, -0.7f, -0.7f);
    }

    /**
     * Two envs, four steps, sequences of two: sequence j is env j / 2, steps (j mod 2)·2 .. +2, from
     * the state stored at its first step; an episode that ended inside a sequence marks the next
     * step as a start, one that ended just before a sequence does not (its stored state is already zero).
     */
    @Test
    void sequenceMinibatchesAreWholeEnvChunksWithTheirInitialStatesAndStarts() {
        RolloutBuffer b = new RolloutBuffer(4, 2, 1, 1, 2, 2);
        for (int t = 0; t < 4; t++) {
            // observation = 10·env + t, state = (100·env + t, −(100·env + t))
            b.storeStep(t, new float[] {t, 10 + t}, new float[] {0, 0}, new float[] {0, 0}, new float[4],
                    new float[] {0, 0});
            b.storeStates(t, new float[] {t, -t, 100 + t, -100 - t});
            b.storeOutcome(t, 0, 1, t == 1);  // env 0's episode ends at step 1: before sequence 1
            b.storeOutcome(t, 1, 1, t == 2);  // env 1's ends at step 2: inside sequence 3
        }
        b.computeAdvantages(new float[] {0, 0}, 0.9, 0.9);
        Minibatch mb = b.newSequenceMinibatch(4, 2);
        b.fillSequenceMinibatch(new int[] {3, 1, 0, 2}, 0, 2, mb, false);
        assertThat(mb.observations()).containsExactly(12, 13, 2, 3);
        assertThat(mb.initialStates()).containsExactly(102, -102, 2, -2);
        assertThat(mb.starts()).containsExactly(0, 1, 0, 0);
        b.fillSequenceMinibatch(new int[] {3, 1, 0, 2}, 2, 2, mb, false);
        assertThat(mb.observations()).containsExactly(0, 1, 10, 11);
        assertThat(mb.initialStates()).containsExactly(0, 0, 100, -100);
        assertThat(mb.starts()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void explainedVarianceIsOneForAPerfectCritic() {
        RolloutBuffer b = new RolloutBuffer(2, 1, 1, 1, 1);
        b.storeStep(0, new float[] {0}, new float[] {0}, new float[] {0}, new float[] {0}, new float[] {1.9f});
        b.storeStep(1, new float[] {0}, new float[] {0}, new float[] {0}, new float[] {0}, new float[] {1});
        b.storeOutcome(0, 0, 1, false);
        b.storeOutcome(1, 0, 1, true);
        b.computeAdvantages(new float[] {0}, 0.9, 1.0);
        assertThat(b.explainedVariance()).isCloseTo(1.0, within(1e-6));
    }
}
