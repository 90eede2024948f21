package dev.ppo.api.env;

import dev.ppo.api.space.Space;

/**
 * Gymnasium's {@code Wrapper}: an env that delegates everything to the env it wraps, so a subclass
 * overrides only what it changes ({@link TimeLimit}, {@link FrameStack}).
 */
public abstract class Wrapper implements Env {

    /** The wrapped env. */
    protected final Env env;

    protected Wrapper(Env env) {
        this.env = env;
    }

    /** The innermost env under every wrapper, as Gymnasium's {@code env.unwrapped}. */
    public Env unwrapped() {
        return env instanceof Wrapper inner ? inner.unwrapped() : env;
    }

    @Override
    public Space observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public float[] reset(long seed) {
        return env.reset(seed);
    }

    @Override
    public float[] reset() {
        return env.reset();
    }

    @Override
    public StepResult step(float[] action) {
        return env.step(action);
    }

    /**
     * Goes through {@link #step}, so that a subclass that changes {@code step} (counts it, as
     * {@link TimeLimit} does) is never bypassed; a subclass that can pass the call on unchanged overrides this.
     */
    @Override
    public StepResult stepUnobserved(float[] action) {
        return step(action);
    }

    @Override
    public boolean deterministic() {
        return env.deterministic();
    }

    @Override
    public RgbFrame render() {
        return env.render();
    }

    @Override
    public void close() {
        env.close();
    }
}
