package dev.ppo.api.distribution;

import dev.ppo.api.loss.LossAlgebra;
import java.util.List;

/**
 * An action distribution family, its differentiable parts written once over {@link LossAlgebra}
 * so that the runner (evaluating a sampled action's log-probability in plain Java, with
 * {@link Scalars}), the TensorFlow graph and the java backend's tape compute the same definition.
 *
 * <p>Parameters and actions come as columns: {@code params.get(k)} is the k-th distribution
 * parameter of every sample (a per-sample value, or a scalar that broadcasts, such as a
 * state-independent log-std), {@code actions.get(k)} the k-th component of every action.
 */
public interface Distribution {

    /** Distribution parameters per sample (the columns {@code params} holds). */
    int parameterSize();

    /** Floats per action: 1 (an index) or the dimension d. */
    int actionSize();

    /** log π(a|s) per sample. */
    <T> T logProb(LossAlgebra<T> alg, List<T> params, List<T> actions);

    /** The entropy per sample (or a scalar, when it does not depend on the sample). */
    <T> T entropy(LossAlgebra<T> alg, List<T> params);

    /** KL[π_old(·|s), π(·|s)] per sample, exact for the family. */
    <T> T kl(LossAlgebra<T> alg, List<T> oldParams, List<T> params);
}
