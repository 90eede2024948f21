package dev.ppo.envs.wrappers;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.Wrapper;
import dev.ppo.api.space.Box;

/**
 * Gymnasium's {@code MaxAndSkipObservation}: each action is repeated {@code skip} times, the rewards
 * are summed, and the observation is the element-wise maximum of the last two frames (which removes
 * the flicker of sprites drawn every other frame). The loop stops early when the episode ends; as
 * in Gymnasium the two-frame buffer then still holds what it last received.
 *
 * <p>The first {@code skip − 2} frames of a step are never looked at, so they are stepped with
 * {@link Env#stepUnobserved}: a pixel env does not render them. One difference from Gymnasium:
 * the buffer is cleared on reset (Gymnasium keeps the previous episode's frames), so an episode's
 * observations depend on that episode alone, which exact resume relies on.
 */
public final class MaxAndSkipObservation extends Wrapper {

    private final int skip;
    private final float[][] buffer;

    public MaxAndSkipObservation(Env env, int skip) {
        super(env);
        if (skip < 2) {
            throw new IllegalArgumentException("max_and_skip needs skip >= 2, got " + skip);
        }
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("max_and_skip needs a Box observation space, got " + env.observationSpace());
        }
        this.skip = skip;
        this.buffer = new float[2][box.flatSize()];
    }

    @Override
    public float[] reset(long seed) {
        clear();
        return env.reset(seed);
    }

    @Override
    public float[] reset() {
        clear();
        return env.reset();
    }

    private void clear() {
        java.util.Arrays.fill(buffer[0], 0);
        java.util.Arrays.fill(buffer[1], 0);
    }

    @Override
    public StepResult step(float[] action) {
        double totalReward = 0;
        StepResult r = null;
        for (int i = 0; i < skip; i++) {
            r = i < skip - 2 ? env.stepUnobserved(action) : env.step(action);
            if (i == skip - 2) {
                System.arraycopy(r.observation(), 0, buffer[0], 0, buffer[0].length);
            }
            if (i == skip - 1) {
                System.arraycopy(r.observation(), 0, buffer[1], 0, buffer[1].length);
            }
            totalReward += r.reward();
            if (r.terminated() || r.truncated()) {
                break;
            }
        }
        float[] max = new float[buffer[0].length];
        for (int k = 0; k < max.length; k++) {
            max[k] = Math.max(buffer[0][k], buffer[1][k]);
        }
        return new StepResult(max, totalReward, r.terminated(), r.truncated(), r.info());
    }
}
