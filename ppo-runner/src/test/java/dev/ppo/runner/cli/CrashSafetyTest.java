package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.io.CheckpointStore;
import dev.ppo.runner.testing.RecordingSinkProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills training processes (SIGKILL, or an immediate halt at a named instant, see
 * {@code CrashPoint}) and shows that nothing is lost and that a resumed run ends exactly where the
 * uninterrupted one does: same scalars (wall-clock fields aside), same episodes, same weights.
 */
class CrashSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITERATIONS = 16;

    @TempDir
    Path dir;

    /** A training JVM running the CLI, killed at {@code crashAt} when not null. */
    private static Process start(List<String> args, String crashAt) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jvm.java(), "-cp", Jvm.testClassPath()));
        if (crashAt != null) {
            command.add("-Dppo.crash_at=" + crashAt);
        }
        command.add("dev.ppo.runner.cli.Main");
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(File.createTempFile("crash-safety", ".log")).start();
    }

    private static int run(List<String> args, String crashAt) throws Exception {
        Process p = start(args, crashAt);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Rows without the wall-clock fields, which no two runs share. */
    private static List<String> withoutClock(Path file) throws Exception {
        return lines(file).stream().map(CrashSafetyTest::stripClock).toList();
    }

    private static List<String> config(String env, Path run) {
        long steps = 128L * ITERATIONS;
        return env.equals("CartPole-v1") ? tiny(steps, "--run-dir", run.toString())
                : tiny(steps, "--run-dir", run.toString(), "--set", "env.name=" + env);
    }

    private static List<String> resume(Path run) {
        return resume(run, ITERATIONS);
    }

    private static List<String> resume(Path run, int iterations) {
        return List.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=" + 128L * iterations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "LunarLander-v3"})
    void aRunKilledAtSeveralPointsEndsIdenticalToAnUninterruptedOne(String env) throws Exception {
        Path reference = dir.resolve("reference");
        CliRun whole = CliRun.of(config(env, reference));
        assertThat(whole.status()).as(whole.err()).isZero();

        Path run = dir.resolve("killed");
        // killed after iteration 5's rows, before anything else: rows 1-5, checkpoint iter-000004
        assertThat(run(config(env, run), "after-iteration-5")).isEqualTo(137);
        assertThat(lines(run.resolve("scalars.jsonl"))).hasSize(5);
        // killed while checkpoint 8 sits complete in its temporary directory, not yet renamed into place
        assertThat(run(resume(run), "checkpoint-written:iter-000008")).isEqualTo(137);
        assertThat(Files.readString(run.resolve("checkpoints/latest")).trim()).isEqualTo("iter-000006");
        // killed with SIGKILL at whatever instant it has reached once it logged iteration 11
        Process p = start(resume(run), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && lines(run.resolve("scalars.jsonl")).size() < 11 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        if (!Files.readString(run.resolve("checkpoints/latest")).trim().equals(CheckpointStore.checkpointName(ITERATIONS))) {
            CliRun rest = CliRun.of(resume(run));
            assertThat(rest.status()).as(rest.err()).isZero();
        }

        assertThat(withoutClock(run.resolve("scalars.jsonl"))).hasSize(ITERATIONS)
                .isEqualTo(withoutClock(reference.resolve("scalars.jsonl")));
        assertThat(withoutClock(run.resolve("episodes.jsonl")))
                .isEqualTo(withoutClock(reference.resolve("episodes.jsonl")));
        List<VariableState> expected = CheckpointStore.load(reference).variables();
        List<VariableState> actual = CheckpointStore.load(run).variables();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).name()).isEqualTo(expected.get(i).name());
            assertThat(actual.get(i).values()).as(expected.get(i).name()).isEqualTo(expected.get(i).values());
        }
    }

    @Test
    void aResumeKilledWhileRepairingTheLogsLosesNoRow() throws Exception {
        Path run = dir.resolve("run");
        CliRun first = CliRun.of(tiny(128L * 8, "--run-dir", run.toString(), "--set", "run.checkpoint_every=4",
                "--set", "run.sinks=[recording]"));
        assertThat(first.status()).as(first.err()).isZero();
        List<String> rows = lines(run.resolve("scalars.jsonl"));
        List<String> episodes = lines(run.resolve("episodes.jsonl"));
        assertThat(rows).hasSize(8);
        // as if the process had died after logging iterations 5-8 but before checkpointing iteration 8
        Files.writeString(run.resolve("checkpoints/latest"), "iter-000004\n");

        // killed after the repaired log is written to its temporary file, before it replaces the log
        assertThat(run(resume(run, 8), "replace:scalars.jsonl")).isEqualTo(137);
        assertThat(lines(run.resolve("scalars.jsonl"))).isEqualTo(rows);
        assertThat(lines(run.resolve("episodes.jsonl"))).isEqualTo(episodes);

        // killed right after the repair replaced the log, before a single row is appended
        assertThat(run(resume(run, 8), "append:scalars.jsonl")).isEqualTo(137);
        assertThat(lines(run.resolve("scalars.jsonl"))).isEqualTo(rows.subList(0, 4));

        // a resume that runs through recomputes iterations 5-8 exactly
        CliRun rest = CliRun.of(resume(run, 8));
        assertThat(rest.status()).as(rest.err()).isZero();
        List<String> after = lines(run.resolve("scalars.jsonl"));
        assertThat(after).hasSize(8);
        assertThat(after.subList(0, 4)).isEqualTo(rows.subList(0, 4));
        // the sinks (TensorBoard) already had iterations 5-8: each step reached them once
        List<String> recorded = lines(run.resolve(RecordingSinkProvider.FILE));
        assertThat(recorded).contains("value_loss 512", "value_loss 1024").doesNotHaveDuplicates();
        assertThat(withoutClock(run.resolve("scalars.jsonl")).subList(4, 8)).isEqualTo(
                rows.subList(4, 8).stream().map(CrashSafetyTest::stripClock).toList());
    }

    private static String stripClock(String line) {
        try {
            ObjectNode row = (ObjectNode) JSON.readTree(line);
            row.remove(List.of("time_s", "sps", "time_act_s", "time_env_s", "time_update_s", "time_collect_s"));
            return row.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
