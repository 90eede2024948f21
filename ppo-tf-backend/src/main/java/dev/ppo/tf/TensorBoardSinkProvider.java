package dev.ppo.tf;

import dev.ppo.api.metrics.IterationScalars;
import dev.ppo.api.metrics.ScalarSink;
import dev.ppo.api.metrics.ScalarSinkProvider;
import dev.ppo.api.metrics.SinkContext;
import java.util.Set;

/**
 * The {@code tensorboard} scalar sink: TensorBoard event files in the run directory, so
 * {@code tensorboard --logdir runs/} shows every run's return, losses, KL and clip fraction, each
 * under the name it has in {@code scalars.jsonl}, at its environment step.
 */
public final class TensorBoardSinkProvider implements ScalarSinkProvider {

    /** The x axis already: not plotted against itself. */
    private static final Set<String> NOT_PLOTTED = Set.of("iteration", "global_step");

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
    public ScalarSink create(SinkContext context) {
        if (context.runDirectory().isEmpty()) {
            return iteration -> { }; // nowhere to write: training without a run directory
        }
        TensorBoardWriter writer = new TensorBoardWriter(context.runDirectory().get());
        return new ScalarSink() {
            @Override
            public void write(IterationScalars iteration) {
                if (iteration.iteration() <= context.alreadySentUpTo()) {
                    return; // an event file only appends: these points are already in an older file
                }
                iteration.scalars().forEach((tag, value) -> {
                    if (!NOT_PLOTTED.contains(tag) && Double.isFinite(value.doubleValue())) {
                        writer.write(tag, iteration.globalStep(), value.doubleValue());
                    }
                });
            }

            @Override
            public void flush() {
                writer.flush();
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }
}
