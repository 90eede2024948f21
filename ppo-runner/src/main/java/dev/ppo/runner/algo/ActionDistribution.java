package dev.ppo.runner.algo;

import com.typesafe.config.Config;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.distribution.BetaDistribution;
import dev.ppo.api.distribution.BoxDistribution;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.List;

/**
 * The policy's action distribution, evaluated in Java from the parameters the backend returns
 * (logits, means and log-stds, or a Beta's α and β). Sampling here keeps runs reproducible from one checkpointed
 * {@link Rng} whatever the backend.
 */
public interface ActionDistribution {

    /** Floats per action (1 for a categorical index). */
    int actionSize();

    /** Floats of distribution parameters per sample. */
    int parameterSize();

    /**
     * Draws an action (or takes the mode when {@code deterministic}) from the parameters at
     * {@code params[pOff..]}, writes it to {@code action[aOff..]} and returns its log-probability.
     */
    double sample(float[] params, int pOff, Rng rng, boolean deterministic, float[] action, int aOff);

    /** The distribution of a model: categorical for Discrete; Gaussian or Beta for Box, as the spec says. */
    static ActionDistribution of(ModelSpec spec) {
        return forSpace(spec.actionSpace(), spec.boxDistribution());
    }

    /** The values of {@code eval.deterministic_action}: a Gaussian policy's deterministic action. */
    List<String> DETERMINISTIC_ACTIONS = List.of("mean", "clipped_mean");

    /**
     * The distribution a trained policy acts with: {@link #of}, except that a Gaussian policy's
     * deterministic action is {@link ClippedGaussianMean the clipped Gaussian's mean} when
     * {@code eval.deterministic_action = clipped_mean} (categorical and Beta policies ignore the key).
     */
    static ActionDistribution forActing(ModelSpec spec, Config config) {
        String mode = new Settings("eval", config.getConfig("eval")).oneOf("deterministic_action", DETERMINISTIC_ACTIONS);
        if (mode.equals("clipped_mean") && spec.actionSpace() instanceof Box b
                && spec.boxDistribution() == BoxDistribution.GAUSSIAN) {
            return new ClippedGaussianMean(b);
        }
        return of(spec);
    }

    /** The distribution for an action space: categorical for Discrete, {@code box} for a Box. */
    static ActionDistribution forSpace(Space actionSpace, BoxDistribution box) {
        if (actionSpace instanceof Discrete d) {
            return new Categorical(d.n());
        }
        if (actionSpace instanceof Box b) {
            return box == BoxDistribution.BETA ? new Beta(BetaDistribution.on(b)) : new DiagGaussian(b.flatSize());
        }
        throw new IllegalArgumentException("unsupported action space " + actionSpace);
    }
}
