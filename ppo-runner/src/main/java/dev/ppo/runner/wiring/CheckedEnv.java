package dev.ppo.runner.wiring;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.Wrapper;
import dev.ppo.runner.error.NonFiniteException;
import dev.ppo.runner.error.PpoException;

/**
 * Guards the runner against a misbehaving env plugin: every {@code reset} and {@code step} result
 * is checked (not null, an observation of the space's size, finite values, a finite reward) and a
 * throw is reported with the plugin's name, so a bad env stops the run with one clear line instead
 * of a stack trace or, worse, silently cut or NaN observations.
 */
public final class CheckedEnv extends Wrapper {

    private final String plugin;
    private final int observationSize;
    private long episodeStep;

    public CheckedEnv(Env env, String pluginName) {
        super(env);
        this.plugin = "env plugin " + pluginName;
        this.observationSize = PluginCall.call(plugin, "observationSpace()", env::observationSpace).flatSize();
        PluginCall.call(plugin, "actionSpace()", env::actionSpace);
    }

    @Override
    public float[] reset(long seed) {
        episodeStep = 0;
        return checked(PluginCall.call(plugin, "reset(" + seed + ")", () -> env.reset(seed)), "reset(" + seed + ")");
    }

    @Override
    public float[] reset() {
        episodeStep = 0;
        return checked(PluginCall.call(plugin, "reset()", env::reset), "reset()");
    }

    @Override
    public StepResult step(float[] action) {
        StepResult r = call("step()", () -> env.step(action));
        checked(r.observation(), "step()");
        return r;
    }

    /** As {@link #step}, but the observation may be null: the env was told nobody looks at it. */
    @Override
    public StepResult stepUnobserved(float[] action) {
        StepResult r = call("stepUnobserved()", () -> env.stepUnobserved(action));
        if (r.observation() != null) {
            checked(r.observation(), "stepUnobserved()");
        }
        return r;
    }

    private StepResult call(String call, java.util.function.Supplier<StepResult> body) {
        StepResult r;
        try {
            r = PluginCall.call(plugin, call, body);
        } catch (PpoException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                // the env's own verdict on the action: keep its message, it names the value and the space
                throw new PpoException(plugin + ": " + call + " refused the action: " + bad.getMessage(), bad);
            }
            throw e;
        }
        episodeStep++;
        if (!Double.isFinite(r.reward())) {
            throw new NonFiniteException(plugin + ": " + call + " returned the reward " + r.reward()
                    + " at episode step " + episodeStep);
        }
        return r;
    }

    private float[] checked(float[] observation, String call) {
        if (observation == null) {
            throw new PpoException(plugin + ": " + call + " returned a null observation");
        }
        if (observation.length != observationSize) {
            throw new PpoException(plugin + ": " + call + " returned an observation of " + observation.length
                    + " floats; its observation space " + env.observationSpace() + " has " + observationSize);
        }
        for (int i = 0; i < observation.length; i++) {
            if (!Float.isFinite(observation[i])) {
                throw new NonFiniteException(plugin + ": " + call + " returned " + observation[i]
                        + " at observation index " + i + " (episode step " + episodeStep + ")");
            }
        }
        return observation;
    }
}
