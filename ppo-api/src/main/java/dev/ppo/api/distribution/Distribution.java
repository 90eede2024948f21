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

    /**
     * The distribution with parameters {@code params}, its shared intermediate values (a
     * categorical's log-softmax) computed once for the quantities asked of it.
     */
    <T> Of<T> of(LossAlgebra<T> alg, List<T> params);

    /** One distribution's quantities, per sample. */
    interface Of<T> {

        /** log π(a|s). */
        T logProb(List<T> actions);

        /** The entropy (a scalar when it does not depend on the sample). */
        T entropy();

        /** KL[old, this], exact for the family; {@code old} from the same family and algebra. */
        T klFrom(Of<T> old);
    }
}
