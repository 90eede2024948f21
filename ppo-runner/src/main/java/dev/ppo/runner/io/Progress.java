package dev.ppo.runner.io;

import dev.ppo.api.metrics.IterationScalars;
import dev.ppo.api.metrics.ScalarSink;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on the console: a live bar on a terminal; where there is none (CI logs,
 * {@code nohup}), one plain line on stderr every 5% instead of carriage-return frames. Fed like
 * every other sink ({@link #sink}); {@code run.progress = false} turns it off.
 */
public interface Progress extends AutoCloseable {

    /** Reports that {@code step} of the total steps are done; {@code meanReturn} may be NaN. */
    void update(long step, double meanReturn);

    @Override
    void close();

    /**
     * The progress display as a sink of the run's scalars: the step, and the mean return of the
     * last 20 episodes.
     *
     * @param enabled {@code run.progress}
     */
    static ScalarSink sink(boolean enabled, long totalSteps, long startStep) {
        if (!enabled) {
            return iteration -> { };
        }
        Progress progress = create(totalSteps, startStep);
        RecentReturns recent = new RecentReturns();
        return new ScalarSink() {
            @Override
            public void write(IterationScalars iteration) {
                recent.add(iteration);
                progress.update(iteration.globalStep(), recent.mean());
            }

            @Override
            public void close() {
                progress.close();
            }
        };
    }

    /** A bar when the JVM has a terminal, lines otherwise. */
    static Progress create(long totalSteps, long startStep) {
        return System.console() != null ? new Bar(totalSteps, startStep) : new Lines(totalSteps, startStep, System.err);
    }

    /**
     * The progressbar library's bar on stdout (stderr carries errors, and {@code bin/ppo} filters it
     * line by line), with the return in full in a short message that fits 80 columns.
     */
    final class Bar implements Progress {
        private final ProgressBar bar;

        Bar(long totalSteps, long startStep) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed(new java.text.DecimalFormat("#,##0"))
                    .setConsumer(new InteractiveConsoleProgressBarConsumer(System.out))
                    .startsFrom(startStep, Duration.ZERO).build();
        }

        @Override
        public void update(long step, double meanReturn) {
            bar.stepTo(step);
            bar.setExtraMessage(Double.isNaN(meanReturn) ? "" : String.format(" return %.1f", meanReturn));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** One line per 5% of the steps (and the last), for logs. */
    final class Lines implements Progress {
        private final long total;
        private final long start;
        private final PrintStream out;
        private final long startNanos = System.nanoTime();
        private long lastBucket;
        private long lastStep = -1;

        Lines(long total, long start, PrintStream out) {
            this.total = Math.max(total, 1);
            this.start = start;
            this.out = out;
            this.lastBucket = start * 20 / this.total;
        }

        @Override
        public void update(long step, double meanReturn) {
            long bucket = step * 20 / total;
            if (bucket == lastBucket && (step < total || step == lastStep)) {
                return;
            }
            lastStep = step;
            lastBucket = bucket;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double speed = (step - start) / Math.max(seconds, 1e-9);
            out.printf("train %3d%% %,d/%,d steps, %,.0f steps/s, ETA %s%s%n", step * 100 / total, step, total, speed,
                    eta((total - step) / Math.max(speed, 1e-9)),
                    Double.isNaN(meanReturn) ? "" : String.format(", return %.1f", meanReturn));
            out.flush();
        }

        private static String eta(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                    : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
        }

        @Override
        public void close() {
        }
    }
}
