package dev.ppo.api.env;

/**
 * Gymnasium's {@code ObservationWrapper}: a wrapper that changes only the observations, through
 * {@link #observation}, on every reset and step (a subclass still declares the new
 * {@link #observationSpace()}).
 */
public abstract class ObservationWrapper extends Wrapper {

    protected ObservationWrapper(Env env) {
        super(env);
    }

    /** The transformed observation. */
    protected abstract float[] observation(float[] observation);

    @Override
    public float[] reset(long seed) {
        return observation(env.reset(seed));
    }

    @Override
    public float[] reset() {
        return observation(env.reset());
    }

    @Override
    public StepResult step(float[] action) {
        StepResult r = env.step(action);
        return new StepResult(observation(r.observation()), r.reward(), r.terminated(), r.truncated(), r.info());
    }
}
