package dev.ppo.api.env;

/**
 * Gymnasium's {@code TimeLimit} wrapper: reports {@code truncated = true} on the step that reaches
 * {@code maxEpisodeSteps}, unless the env terminated on that same step.
 */
public final class TimeLimit extends Wrapper {

    private final int maxEpisodeSteps;
    private int elapsedSteps;

    public TimeLimit(Env env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("max_episode_steps must be >= 1, got " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    @Override
    public float[] reset(long seed) {
        elapsedSteps = 0;
        return env.reset(seed);
    }

    @Override
    public float[] reset() {
        elapsedSteps = 0;
        return env.reset();
    }

    @Override
    public StepResult step(float[] action) {
        return limited(env.step(action));
    }

    @Override
    public StepResult stepUnobserved(float[] action) {
        return limited(env.stepUnobserved(action));
    }

    private StepResult limited(StepResult result) {
        elapsedSteps++;
        // Gymnasium sets truncated whenever the limit is reached, even on a terminal step;
        // consumers must check `terminated` first, which is what the runner's GAE does.
        return elapsedSteps >= maxEpisodeSteps ? result.withTruncated(true) : result;
    }
}
