package dev.ppo.runner.io;

import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.algo.Episode;
import dev.ppo.runner.algo.IterationReport;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry metrics of a training run, exported as the {@code metrics} block says: {@code none}
 * (no SDK at all), {@code logging} (java.util.logging) or {@code otlp} (OTLP/HTTP to
 * {@code otlp_endpoint}). Instruments: {@code ppo.env.steps} (counter),
 * {@code ppo.episode.return} (histogram) and one gauge per training scalar ({@code ppo.kl}, ...).
 */
public final class Telemetry implements AutoCloseable {

    private final OpenTelemetrySdk sdk;
    private final LongCounter steps;
    private final DoubleHistogram episodeReturn;
    private final Map<String, DoubleGauge> gauges = new LinkedHashMap<>();
    private final Meter meter;

    private Telemetry(OpenTelemetrySdk sdk, OpenTelemetry api) {
        this.sdk = sdk;
        this.meter = api.getMeter("dev.ppo.runner");
        this.steps = meter.counterBuilder("ppo.env.steps").setDescription("environment steps taken").build();
        this.episodeReturn = meter.histogramBuilder("ppo.episode.return").setDescription("undiscounted episode return")
                .build();
    }

    /** @param settings the {@code metrics} block */
    public static Telemetry create(Settings settings) {
        String exporter = settings.oneOf("exporter", List.of("none", "logging", "otlp"));
        // checked even when unused, so a mistake is reported before training rather than never
        double interval = settings.positive("interval_seconds");
        String endpoint = settings.getString("otlp_endpoint");
        if (exporter.equals("none")) {
            return new Telemetry(null, OpenTelemetry.noop());
        }
        MetricExporter metricExporter = exporter.equals("logging") ? LoggingMetricExporter.create()
                : OtlpHttpMetricExporter.builder().setEndpoint(endpoint).build();
        SdkMeterProvider meters = SdkMeterProvider.builder()
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter)
                        .setInterval(Duration.ofMillis((long) (interval * 1000))).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setMeterProvider(meters).build();
        return new Telemetry(sdk, sdk);
    }

    public void record(IterationReport report, int batchSize) {
        steps.add(batchSize);
        for (Episode e : report.episodes()) {
            episodeReturn.record(e.episodeReturn());
        }
        gauge("ppo.policy_objective", report.policyObjective());
        gauge("ppo.value_loss", report.valueLoss());
        gauge("ppo.entropy", report.entropy());
        gauge("ppo.kl", report.kl());
        gauge("ppo.approx_kl", report.approxKl());
        gauge("ppo.clip_fraction", report.clipFraction());
        gauge("ppo.explained_variance", report.explainedVariance());
        gauge("ppo.learning_rate", report.learningRate());
        gauge("ppo.sps", report.stepsPerSecond());
        report.objectiveParameters().forEach((k, v) -> gauge("ppo.objective." + k, v));
    }

    private void gauge(String name, double value) {
        if (Double.isFinite(value)) {
            gauges.computeIfAbsent(name, n -> meter.gaugeBuilder(n).build()).set(value);
        }
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close(); // flushes the last export
        }
    }
}
