package dev.ppo.api.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A built actor-critic model with its optimizer: acts for a batch of observations in one call and
 * runs train steps on minibatches. Implementations (TensorFlow) live in backend plugins.
 *
 * <p>Distribution parameters per sample: for a {@link dev.ppo.api.space.Discrete} action space the
 * {@code n} logits; for a {@link dev.ppo.api.space.Box} the {@code d} means followed by the
 * {@code d} log standard deviations. Sampling happens in the caller (seeded, checkpointable).
 */
public interface Backend extends AutoCloseable {

    /** Floats of distribution parameters per sample (see class comment). */
    int distributionWidth();

    /**
     * Evaluates the policy and value networks for {@code n} observations in one call.
     *
     * @param observations  {@code n × observationSize} floats, row-major
     * @param distribution  receives {@code n × distributionWidth()} floats
     * @param values        receives {@code n} state values V(s)
     */
    void forward(float[] observations, int n, float[] distribution, float[] values);

    /**
     * Floats of recurrent state per sample: 0 for a feed-forward network; for a network with an
     * LSTM of H units, 2H (the output h, then the cell c). The caller owns the state: it keeps one
     * per env (or episode), starts it at zeros and zeroes it again when an episode ends.
     */
    default int recurrentStateSize() {
        return 0;
    }

    /**
     * {@link #forward(float[], int, float[], float[])} for a recurrent network: row i is evaluated
     * from {@code stateIn[i·S .. (i+1)·S)} ({@code S = recurrentStateSize()}) and its next state is
     * written to the same rows of {@code stateOut} (which may be {@code stateIn}). A feed-forward
     * backend ignores the states.
     */
    default void forward(float[] observations, float[] stateIn, int n, float[] distribution, float[] values,
                         float[] stateOut) {
        if (recurrentStateSize() != 0) {
            throw new UnsupportedOperationException(description() + " has a recurrent state but no stateful forward");
        }
        forward(observations, n, distribution, values);
    }

    /**
     * One gradient step on L = L^policy − c1·L^VF + c2·S (negated for the optimizer), with global
     * gradient-norm clipping and Adam.
     */
    TrainStats train(Minibatch batch, TrainInputs inputs);

    /**
     * Sets the log standard deviation of a Gaussian policy built with
     * {@code ModelSpec.learnLogStd() == false}; it stays until set again and is saved with the
     * variables.
     *
     * @throws UnsupportedOperationException for a categorical policy or a learned log-std
     */
    default void setLogStd(double logStd) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support a fixed log-std");
    }

    /** Every variable of the model and its optimizer (weights, Adam moments, step counters). */
    List<VariableState> exportVariables();

    /**
     * Restores what {@link #exportVariables()} returned.
     *
     * @throws IllegalArgumentException naming the variable whose name or shape does not match this
     *                                  model; nothing is changed in that case
     */
    void importVariables(List<VariableState> variables);

    /** The formats {@link #exportPolicy} writes, e.g. {@code saved-model}; none by default. */
    default List<String> exportFormats() {
        return List.of();
    }

    /**
     * Writes the deterministic acting policy (normalization, networks, mode of the distribution) in
     * {@code export.format()} to the directory {@code dir}, which the caller has created empty.
     *
     * @throws UnsupportedOperationException for a format not in {@link #exportFormats()}
     */
    default void exportPolicy(PolicyExport export, Path dir) throws IOException {
        throw new UnsupportedOperationException(description() + " exports no policy format");
    }

    /** e.g. "TensorFlow 2.18.0 (CPU)", for logs. */
    String description();

    @Override
    void close();
}
