package dev.ppo.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ppo check-backend}: the TensorFlow backend's train step reproduces CleanRL's on every
 * recorded reference (loss terms, gradient norm, parameters after each of four Adam steps), and
 * {@code RolloutBuffer}'s GAE reproduces CleanRL's loop.
 */
class CheckBackendTest {

    private static final Path FIXTURES = Path.of("src/test/resources/cleanrl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Path> fixtures() throws Exception {
        return Files.list(FIXTURES).filter(p -> p.toString().endsWith(".json.gz")).sorted();
    }

    /** Every reference with every backend. */
    static Stream<org.junit.jupiter.params.provider.Arguments> cases() throws Exception {
        return fixtures().flatMap(f -> Stream.of("tensorflow", "java")
                .map(b -> org.junit.jupiter.params.provider.Arguments.of(b, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void backendReproducesCleanRl(String backend, Path fixture) throws Exception {
        CliRun r = CliRun.of("check-backend", fixture.toString(), "--backend", backend, "--json");
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.path("pass").asBoolean()).as(r.out()).isTrue();
        assertThat(r.status()).isZero();
        if (report.path("kind").asText().equals("train-steps")) {
            assertThat(report.path("steps")).hasSize(4);
            assertThat(report.path("max_params_abs_error").asDouble()).isLessThanOrEqualTo(1e-6);
            report.path("max_term_error").forEach(e -> assertThat(e.asDouble()).isLessThanOrEqualTo(1e-5));
        } else {
            assertThat(report.path("max_advantage_error").asDouble()).isLessThanOrEqualTo(5e-6);
        }
    }

    private Path edited(String name, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES.resolve(name)))) {
            root = (ObjectNode) JSON.readTree(in);
        }
        edit.accept(root);
        Path out = tmp.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
            JSON.writeValue(o, root);
        }
        return out;
    }

    @Test
    void aDifferentUpdateFails() throws Exception {
        // the reference's last step moved one weight 1e-4 further than this backend does
        Path moved = edited("discrete-cartpole_seed0.json.gz", root -> {
            ArrayNode row = (ArrayNode) root.path("steps").get(3).path("params_after").path("actor.0.weight").get(0);
            row.set(0, row.get(0).asDouble() + 1e-4);
        });
        CliRun r = CliRun.of("check-backend", moved.toString(), "--json");
        assertThat(r.status()).isEqualTo(1);
        assertThat(JSON.readTree(r.out()).path("max_params_abs_error").asDouble()).isGreaterThan(5e-5);

        // a reference recorded without value clipping: our clipped value loss no longer matches
        Path unclipped = edited("discrete-cartpole_seed0.json.gz",
                root -> ((ObjectNode) root.path("hyperparameters")).put("clip_vloss", false));
        CliRun u = CliRun.of("check-backend", unclipped.toString());
        assertThat(u.status()).isEqualTo(1);
        assertThat(u.out()).startsWith("FAIL");

        CliRun gae = CliRun.of("check-backend", edited("gae_seed0.json.gz",
                root -> ((ObjectNode) root).put("gae_lambda", 0.9)).toString());
        assertThat(gae.status()).isEqualTo(1);
    }

    @Test
    void notAFixtureIsOneClearLine() throws Exception {
        Path other = Files.writeString(tmp.resolve("x.json"), "{\"type\": \"header\"}");
        CliRun r = CliRun.of("check-backend", other.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errorLines()).singleElement().asString().contains("neither a CleanRL train-steps fixture");
        CliRun missing = CliRun.of("check-backend", tmp.resolve("none.json").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.errorLines()).singleElement().asString().contains("cannot read fixture");
        CliRun backend = CliRun.of("check-backend", FIXTURES.resolve("discrete-cartpole_seed0.json.gz").toString(),
                "--backend", "torch");
        assertThat(backend.status()).isEqualTo(2);
        assertThat(backend.errorLines()).singleElement().asString().contains("torch");
    }
}
