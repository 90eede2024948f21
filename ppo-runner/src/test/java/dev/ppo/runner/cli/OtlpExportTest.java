package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics.exporter = otlp} from a JVM started on the module path as {@code bin/ppo} starts it,
 * against an OTLP/HTTP receiver on 127.0.0.1 ({@code otlp/OtlpReceiver.java}, in a JVM of its own)
 * that decodes what arrives with the official opentelemetry-proto classes: the metric names, their
 * units, and the resource that says which run sent them.
 */
class OtlpExportTest {

    @TempDir
    Path dir;

    @Test
    void metricsReachAnOtlpReceiverWithTheRunsResourceAttributes() throws Exception {
        Path received = dir.resolve("received.txt");
        Path source = Path.of("src/test/resources/otlp/OtlpReceiver.java");
        String jars;
        try (Stream<Path> files = Files.list(Path.of("target/otlp-receiver"))) {
            jars = String.join(File.pathSeparator, files.map(Path::toString).toList());
        }
        Process receiver = new ProcessBuilder(Jvm.java(), "-cp", jars, source.toString(), received.toString())
                .redirectErrorStream(true).start();
        try {
            String port = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(port).as("the receiver's port").matches("\\d+");
            Path run = dir.resolve("otlp-run");
            List<String> args = tiny(512, "--run-dir", run.toString(), "--set", "metrics.exporter=otlp",
                    "--set", "metrics.otlp_endpoint=http://127.0.0.1:" + port + "/v1/metrics");
            Process p = new ProcessBuilder(Jvm.onModulePath(args)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("NoClassDefFoundError").doesNotContain("Failed to export");
        } finally {
            receiver.destroy();
        }
        List<String> lines = Files.readAllLines(received);
        assertThat(lines).noneMatch(l -> l.startsWith("error"));
        assertThat(lines).contains("resource service.name=ppo-java", "resource ppo.run.id=otlp-run",
                "resource ppo.env=CartPole-v1", "resource ppo.objective=clip", "resource ppo.backend=tensorflow",
                "metric ppo.env.steps {step}", "metric ppo.episode.return 1", "metric ppo.sps {step}/s",
                "metric ppo.kl 1", "metric ppo.approx_kl 1", "metric ppo.clip_fraction 1", "metric ppo.value_loss 1",
                "metric ppo.clip_epsilon 1", "metric ppo.time_update_s s");
        System.out.println("OTLP metrics received: " + lines.stream().filter(l -> l.startsWith("metric"))
                .map(l -> l.split(" ")[1]).distinct().sorted().toList());
    }

    @Test
    void aDeadEndpointIsReportedOnceAndTrainingGoesOn() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            port = closed.getLocalPort(); // nothing listens there once it is closed
        }
        Path run = dir.resolve("dead");
        CliRun r = CliRun.of(tiny(512, "--run-dir", run.toString(), "--set", "metrics.exporter=otlp",
                "--set", "metrics.interval_seconds=0.05",
                "--set", "metrics.otlp_endpoint=http://127.0.0.1:" + port + "/v1/metrics"));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("metrics could not be sent"))).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("SEVERE");
    }
}
