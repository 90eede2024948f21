package dev.ppo.api.metrics;

/** Receives a run's per-iteration scalars (e.g. to write TensorBoard event files). */
public interface ScalarSink extends AutoCloseable {

    /** Records {@code value} under {@code tag} (e.g. {@code train/approx_kl}) at environment step {@code step}. */
    void write(String tag, long step, double value);

    /** Makes everything written so far durable. */
    void flush();

    @Override
    void close();
}
