package dev.ppo.runner.algo;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.Wrapper;

/**
 * Training only ({@code ppo.stall_termination_steps}): ends an episode as terminated once its reward
 * has not been positive for {@code limit} steps in a row. A policy that has got lost (CarRacing: spun
 * off the road, or driving the track backwards, where no tile pays again) then sees the rest of the
 * episode as worth nothing, with no bootstrap from a critic that cannot tell lost from on course,
 * instead of filling the batch with it. {@code eval}, {@code play} and {@code Policy} never apply it:
 * scores are always the env's own episodes.
 */
public final class StallTermination extends Wrapper {

    private final int limit;
    private int stepsWithoutReward;

    public StallTermination(Env env, int limit) {
        super(env);
        if (limit < 1) {
            throw new IllegalArgumentException("stall_termination_steps must be >= 1 here, got " + limit);
        }
        this.limit = limit;
    }

    /** {@code env} wrapped when {@code limit} is positive, else {@code env} itself (0 = off). */
    public static Env wrapIfOn(Env env, int limit) {
        return limit > 0 ? new StallTermination(env, limit) : env;
    }

    @Override
    public float[] reset(long seed) {
        stepsWithoutReward = 0;
        return env.reset(seed);
    }

    @Override
    public float[] reset() {
        stepsWithoutReward = 0;
        return env.reset();
    }

    @Override
    public StepResult step(float[] action) {
        return watched(env.step(action));
    }

    @Override
    public StepResult stepUnobserved(float[] action) {
        return watched(env.stepUnobserved(action));
    }

    private StepResult watched(StepResult result) {
        stepsWithoutReward = result.reward() > 0 ? 0 : stepsWithoutReward + 1;
        if (stepsWithoutReward < limit || result.terminated()) {
            return result;
        }
        return new StepResult(result.observation(), result.reward(), true, result.truncated(), result.info());
    }
}
