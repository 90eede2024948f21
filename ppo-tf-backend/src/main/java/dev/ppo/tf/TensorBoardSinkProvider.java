package dev.ppo.tf;

import dev.ppo.api.metrics.ScalarSink;
import dev.ppo.api.metrics.ScalarSinkProvider;
import java.nio.file.Path;

/**
 * The {@code tensorboard} scalar sink: TensorBoard event files in the run directory, so
 * {@code tensorboard --logdir runs/} shows every run's return, losses, KL and clip fraction.
 */
public final class TensorBoardSinkProvider implements ScalarSinkProvider {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public TensorBoardSinkProvider() {
    }

    @Override
    public String name() {
        return "tensorboard";
    }

    @Override
    public String description() {
        return "TensorBoard event files (events.out.tfevents.*) in the run directory";
    }

    @Override
    public ScalarSink create(Path runDirectory) {
        return new TensorBoardWriter(runDirectory);
    }
}
