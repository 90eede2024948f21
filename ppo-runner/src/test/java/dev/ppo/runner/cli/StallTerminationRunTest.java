package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppo.stall_termination_steps} end to end: it cuts training episodes, never evaluated ones. */
class StallTerminationRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void cutsTrainingEpisodesButEvalPlaysTheEnvsOwn() throws Exception {
        // Pendulum's reward is never positive, so every training episode stalls after 5 steps
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(tiny(256, "--run-dir", run.toString(), "--set", "env.name=Pendulum-v1",
                "--set", "ppo.stall_termination_steps=5"));
        assertThat(train.status()).as(train.err()).isZero();
        List<Integer> lengths = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("episodes.jsonl"))) {
            lengths.add(JSON.readTree(line).get("length").asInt());
        }
        // 2 envs x 128 steps, each episode 5 steps long
        assertThat(lengths).hasSize(2 * (128 / 5)).containsOnly(5);

        CliRun eval = CliRun.of("eval", run.toString(), "--episodes", "2", "--json");
        assertThat(eval.status()).as(eval.err()).isZero();
        JsonNode evaluated = JSON.readTree(eval.out()).get("lengths");
        assertThat(evaluated.get(0).asInt()).isEqualTo(200);
        assertThat(evaluated.get(1).asInt()).isEqualTo(200);
    }

    @Test
    void aNegativeLimitIsRefusedNamingTheKey() {
        Path run = dir.resolve("bad");
        CliRun r = CliRun.of(tiny(256, "--run-dir", run.toString(), "--set", "ppo.stall_termination_steps=-1"));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errorLines()).hasSize(1);
        assertThat(r.errorLines().get(0)).contains("ppo.stall_termination_steps").contains("-1");
        assertThat(run).doesNotExist();
    }
}
