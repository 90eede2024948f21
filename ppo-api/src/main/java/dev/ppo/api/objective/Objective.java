package dev.ppo.api.objective;

import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import java.util.Map;

/**
 * A PPO policy objective L^policy, the part of the loss the paper's variants differ in
 * (clipped surrogate, KL penalty, plain CPI surrogate). It is <em>maximized</em>; the backend adds
 * the value loss and entropy bonus, L = L^policy − c1·L^VF + c2·S, written once for all variants.
 *
 * <p>An objective may keep state between updates (adaptive-KL's β). Such state is exposed through
 * {@link #parameters()} (fed to the graph on every train step via
 * {@link LossAlgebra#parameter(String)}), adapted in {@link #afterUpdate}, and saved in checkpoints
 * through {@link #state()} / {@link #restoreState}.
 */
public interface Objective {

    /**
     * The surrogate to maximize, a scalar (mean over the minibatch), built with {@code alg}.
     * Called once when the backend builds its train graph.
     */
    <T> T surrogate(LossAlgebra<T> alg, PolicyTerms<T> terms);

    /** Current values of every {@link LossAlgebra#parameter} the surrogate uses. */
    default Map<String, Double> parameters() {
        return Map.of();
    }

    /**
     * Called before each policy update with the fraction of training left, 1 at the start and
     * approaching 0 at the end, for annealed hyperparameters such as ε.
     */
    default void beginUpdate(double progressRemaining) {
    }

    /**
     * The ε against which the clip-fraction diagnostic counts |r − 1| in the current update: the
     * clipped objective's own (annealed) ε; 0.2, CleanRL's default, for objectives without one.
     */
    default double diagnosticClipRange() {
        return 0.2;
    }

    /** Called after each policy update (all K epochs) with its statistics; adaptive-KL adapts β here. */
    default void afterUpdate(UpdateStats stats) {
    }

    /** State to checkpoint (empty when stateless). */
    default Map<String, Double> state() {
        return Map.of();
    }

    /** Restores what {@link #state()} returned. */
    default void restoreState(Map<String, Double> state) {
    }
}
