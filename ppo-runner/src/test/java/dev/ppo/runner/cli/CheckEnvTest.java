package dev.ppo.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckEnvTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("../ppo-envs-plugins/src/test/resources/gymnasium");

    @TempDir
    Path dir;

    @Test
    void recordedCartPoleAndPendulumTrajectoriesPass() throws Exception {
        for (String name : List.of("cartpole-v1_seed0.jsonl", "cartpole-v1_rule_seed2.jsonl", "pendulum-v1_seed1.jsonl")) {
            CliRun r = CliRun.of("check-env", FIXTURES.resolve(name).toString(), "--json");
            assertThat(r.status()).as(r.out() + r.err()).isZero();
            JsonNode report = JSON.readTree(r.out());
            assertThat(report.get("passed").asBoolean()).isTrue();
            assertThat(report.get("steps_within_tolerance").asInt()).isEqualTo(report.get("steps_recorded").asInt());
            assertThat(report.get("first_flag_mismatch").isNull()).isTrue();
        }
    }

    /** The README's example runs on a fresh clone: its recording ships in the repository. */
    @Test
    void theReadmesExampleRecordingPasses() throws Exception {
        CliRun r = CliRun.of("check-env", "../examples/fixtures/lunarlander-v3_seed0.jsonl", "--json");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("passed").asBoolean()).isTrue();
    }

    @Test
    void aTamperedRecordingFailsAtTheTamperedStep() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(FIXTURES.resolve("cartpole-v1_rule_seed0.jsonl")));
        // line 0 is the header, line 1 the reset, line 1+t the step t: change step 5's reward
        lines.set(6, lines.get(6).replace("\"reward\": 1.0", "\"reward\": 0.5"));
        Path tampered = Files.write(dir.resolve("tampered.jsonl"), lines);
        CliRun r = CliRun.of("check-env", tampered.toString(), "--json");
        assertThat(r.status()).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("steps_within_tolerance").asInt()).isEqualTo(4);
        assertThat(report.get("max_reward_error").asDouble()).isEqualTo(0.5);
    }

    @Test
    void unknownEnvIdAndNonRecordingsAreClearErrors() throws Exception {
        Path notARecording = Files.writeString(dir.resolve("x.jsonl"), "{\"type\": \"step\"}\n");
        CliRun r = CliRun.of("check-env", notARecording.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("x.jsonl").contains("header");
        List<String> lines = new ArrayList<>(Files.readAllLines(FIXTURES.resolve("cartpole-v1_seed0.jsonl")));
        lines.set(0, lines.get(0).replace("\"env_id\": \"CartPole-v1\"", "\"env_id\": \"Acrobot-v1\""));
        Path other = Files.write(dir.resolve("acrobot.jsonl"), lines);
        CliRun unknown = CliRun.of("check-env", other.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Acrobot-v1").contains("CartPole-v1");
    }
}
