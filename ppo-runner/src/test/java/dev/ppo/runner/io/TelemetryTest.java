package dev.ppo.runner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.algo.Episode;
import dev.ppo.runner.algo.IterationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    private static Settings metrics(String exporter) {
        return new Settings("metrics", ConfigFactory.parseString("exporter = " + exporter
                + "\notlp_endpoint = \"http://localhost:4318/v1/metrics\"\ninterval_seconds = 60"));
    }

    private static IterationReport report() {
        TrainStats update = TrainStats.of(Map.of(PpoLoss.Term.POLICY_OBJECTIVE, 0.1, PpoLoss.Term.VALUE_LOSS, 0.2,
                PpoLoss.Term.ENTROPY, 0.6, PpoLoss.Term.KL, 0.01, PpoLoss.Term.APPROX_KL, 0.009,
                PpoLoss.Term.CLIP_FRACTION, 0.1), 0.4);
        return new IterationReport(1, 512, List.of(new Episode(42, 42, 300)), update, 0.5, 2.5e-4, 4,
                Map.of("kl_beta", 2.0), 40_000, IterationReport.Timing.NONE, 0, 0);
    }

    @Test
    void loggingExporterPublishesTheTrainingScalarsOnClose() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.opentelemetry.exporter.logging.LoggingMetricExporter");
        logger.addHandler(capture);
        try (Telemetry telemetry = Telemetry.create(metrics("logging"))) {
            telemetry.write(report().scalars(1.0));
        } finally {
            logger.removeHandler(capture);
        }
        String all = String.join("\n", lines);
        assertThat(all).contains("ppo.env.steps").contains("ppo.episode.return").contains("ppo.kl")
                .contains("ppo.beta").contains("ppo.clip_fraction");
    }

    @Test
    void noneAndOtlpBuildAndUnknownExporterIsAClearError() {
        try (Telemetry none = Telemetry.create(metrics("none"))) {
            none.write(report().scalars(1.0));
        }
        try (Telemetry otlp = Telemetry.create(metrics("otlp"))) {
            assertThat(otlp).isNotNull(); // builds the OTLP/HTTP exporter; nothing listens here, so nothing is recorded
        }
        assertThatThrownBy(() -> Telemetry.create(metrics("prometheus")))
                .hasMessageContaining("metrics.exporter = prometheus").hasMessageContaining("none, logging, otlp");
    }
}
