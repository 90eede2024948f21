package dev.ppo.runner.io;

import dev.ppo.api.plugin.Settings;
import dev.ppo.api.metrics.IterationScalars;
import dev.ppo.api.metrics.ScalarSink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;
import java.util.logging.Logger;

/**
 * OpenTelemetry metrics of a training run, exported as the {@code metrics} block says: {@code none}
 * (no SDK at all), {@code logging} (java.util.logging) or {@code otlp} (OTLP/HTTP to
 * {@code otlp_endpoint}). Instruments: {@code ppo.env.steps} (counter),
 * {@code ppo.episode.return} (histogram) and one gauge per scalar of the iteration, named as in
 * {@code scalars.jsonl} ({@code ppo.approx_kl}, {@code ppo.sps}, ...). A sink of the run's scalars
 * like the others, configured by its own block.
 */
public final class Telemetry implements ScalarSink {

    private final OpenTelemetrySdk sdk;
    private final LongCounter steps;
    private final DoubleHistogram episodeReturn;
    private final Map<String, DoubleGauge> gauges = new LinkedHashMap<>();
    private final Meter meter;
    private final boolean logging;
    private Handler logFile;
    private long lastStep;

    /** The logger the {@code logging} exporter writes to: one line per metric and export. */
    private static final Logger METRICS_LOG = Logger.getLogger(LoggingMetricExporter.class.getName());

    private Telemetry(OpenTelemetrySdk sdk, OpenTelemetry api, boolean logging) {
        this.sdk = sdk;
        this.logging = logging;
        this.meter = api.getMeter("dev.ppo.runner");
        this.steps = meter.counterBuilder("ppo.env.steps").setDescription("environment steps taken")
                .setUnit("{step}").build();
        this.episodeReturn = meter.histogramBuilder("ppo.episode.return").setDescription("undiscounted episode return")
                .setUnit("1").build();
    }

    /** @param settings the {@code metrics} block */
    public static Telemetry create(Settings settings) {
        return create(settings, Map.of());
    }

    /**
     * @param settings   the {@code metrics} block
     * @param attributes resource attributes besides {@code service.name = ppo-java}, e.g. the run id,
     *                   env, objective and backend, so a metrics backend can tell runs apart
     */
    public static Telemetry create(Settings settings, Map<String, String> attributes) {
        String exporter = settings.oneOf("exporter", List.of("none", "logging", "otlp"));
        // checked even when unused, so a mistake is reported before training rather than never
        double interval = settings.positive("interval_seconds");
        String endpoint = settings.getString("otlp_endpoint");
        if (exporter.equals("none")) {
            return new Telemetry(null, OpenTelemetry.noop(), false);
        }
        MetricExporter metricExporter = exporter.equals("logging") ? LoggingMetricExporter.create()
                : new ReportOnce(OtlpHttpMetricExporter.builder().setEndpoint(endpoint).build(), endpoint);
        AttributesBuilder resource = Attributes.builder().put("service.name", "ppo-java");
        attributes.forEach(resource::put);
        SdkMeterProvider meters = SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(resource.build())))
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter)
                        .setInterval(Duration.ofMillis((long) (interval * 1000))).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setMeterProvider(meters).build();
        return new Telemetry(sdk, sdk, exporter.equals("logging"));
    }

    /**
     * The SDK logs every failed export with a stack trace into the console; a training run reports
     * one line the first time the endpoint cannot be reached, and trains on.
     */
    private static final List<Logger> EXPORT_FAILURE_LOGS = List.of(
            Logger.getLogger("io.opentelemetry.exporter.internal"),
            Logger.getLogger("io.opentelemetry.exporter.otlp.internal"),
            Logger.getLogger("io.opentelemetry.sdk.metrics.export.PeriodicMetricReader"));

    private static final class ReportOnce implements MetricExporter {
        private final MetricExporter delegate;
        private final String endpoint;
        private final AtomicBoolean reported = new AtomicBoolean();

        ReportOnce(MetricExporter delegate, String endpoint) {
            this.delegate = delegate;
            this.endpoint = endpoint;
            // only the loggers of failed exports: the logging exporter's own output stays on
            EXPORT_FAILURE_LOGS.forEach(l -> l.setLevel(Level.OFF));
        }

        @Override
        public CompletableResultCode export(
                Collection<MetricData> metrics) {
            CompletableResultCode result = delegate.export(metrics);
            result.whenComplete(() -> {
                if (!result.isSuccess() && reported.compareAndSet(false, true)) {
                    Throwable why = result.getFailureThrowable();
                    System.err.println("warning: metrics could not be sent to " + endpoint
                            + (why == null ? "" : " (" + why.getClass().getSimpleName()
                            + (why.getMessage() == null ? "" : ": " + why.getMessage()) + ")")
                            + "; training goes on, and later failures are not reported");
                }
            });
            return result;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(
                InstrumentType instrumentType) {
            return delegate.getAggregationTemporality(instrumentType);
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    /** Counts steps from {@code step} on (a resumed run's checkpoint; 0 for a new run). */
    public Telemetry startingAt(long step) {
        this.lastStep = step;
        return this;
    }

    @Override
    public void write(IterationScalars iteration) {
        steps.add(iteration.globalStep() - lastStep);
        lastStep = iteration.globalStep();
        for (IterationScalars.FinishedEpisode e : iteration.episodes()) {
            episodeReturn.record(e.episodeReturn());
        }
        iteration.scalars().forEach((name, value) -> {
            if (!name.equals("iteration") && !name.equals("global_step")) {
                gauge("ppo." + name, value.doubleValue());
            }
        });
    }

    private void gauge(String name, double value) {
        if (Double.isFinite(value)) {
            // UCUM units as OpenTelemetry's semantic conventions write them: "1" for a plain number
            String unit = name.equals("ppo.sps") ? "{step}/s" : name.endsWith("_s") ? "s" : "1";
            gauges.computeIfAbsent(name, n -> meter.gaugeBuilder(n).setUnit(unit).build()).set(value);
        }
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close(); // flushes the last export
        }
        if (logFile != null) {
            METRICS_LOG.removeHandler(logFile);
            METRICS_LOG.setUseParentHandlers(true);
            logFile.close();
            logFile = null;
        }
    }

    /**
     * Sends the {@code logging} exporter's lines (hundreds of characters each) to {@code file},
     * appended, instead of the console where the progress bar is; nothing for the other exporters.
     * Without a call (the embedding API without a run directory) they go wherever the application's
     * java.util.logging configuration sends that logger.
     *
     * @return whether metrics will be written to {@code file}
     */
    public boolean logTo(Path file) throws IOException {
        if (!logging || logFile != null) {
            return false;
        }
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        logFile = new StreamHandler(out, new Formatter() {
            @Override
            public String format(LogRecord record) {
                return Instant.ofEpochMilli(record.getMillis()) + " " + formatMessage(record) + System.lineSeparator();
            }
        }) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // a line per export, on disk as it happens
            }
        };
        METRICS_LOG.setUseParentHandlers(false);
        METRICS_LOG.addHandler(logFile);
        return true;
    }
}
