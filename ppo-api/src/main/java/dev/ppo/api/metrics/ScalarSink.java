package dev.ppo.api.metrics;

/**
 * Receives a run's scalars, once per iteration, in order: TensorBoard event files, the run's
 * {@code scalars.jsonl}, OpenTelemetry, the progress bar, or a plugin's own destination.
 */
public interface ScalarSink extends AutoCloseable {

    /** Records one iteration. */
    void write(IterationScalars iteration);

    /** Makes everything written so far durable (called after every iteration). */
    default void flush() {
    }

    @Override
    default void close() {
    }
}
