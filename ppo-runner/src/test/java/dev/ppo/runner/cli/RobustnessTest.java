package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ppo.runner.io.RunDirectory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The defects a hostile user found (issue 7), each reproduced: every one now ends with one clear
 * error line and exit status 2, and nothing written before is lost or changed.
 */
class RobustnessTest {

    @TempDir
    Path dir;

    /** Every file under {@code root} with its bytes, to show a refusal changed nothing. */
    private static Map<String, byte[]> snapshot(Path root) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertUnchanged(Map<String, byte[]> before, Path root) throws Exception {
        Map<String, byte[]> after = snapshot(root);
        after.remove(RunDirectory.LOCK);
        before.remove(RunDirectory.LOCK);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    /** Exit 2, exactly one error line, no stack trace. */
    private static void assertRefused(CliRun r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in");
        assertThat(r.errorLines()).as(r.err()).hasSize(1);
        assertThat(r.errorLines().get(0)).startsWith("error: ").contains(fragments);
    }

    private Path trainedRun(long steps) {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of(tiny(steps, "--run-dir", run.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        return run;
    }

    @Test
    void aSavedModelIsNotARunDirectory() throws Exception {
        Path model = dir.resolve("model");
        try (Stream<Path> files = Files.list(Path.of("../models/lunarlander"))) {
            Files.createDirectories(model);
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Map<String, byte[]> before = snapshot(model);
        assertRefused(CliRun.of(tiny(128, "--run-dir", model.toString())), "saved model");
        assertUnchanged(before, model);
        // and it still evaluates
        assertThat(CliRun.of("eval", model.toString(), "--episodes", "1").status()).isZero();
    }

    @Test
    void aNonEmptyDirectoryIsRefused() throws Exception {
        Path other = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(other.resolve("todo.txt"), "mine");
        assertRefused(CliRun.of(tiny(128, "--run-dir", other.toString())), "not empty", "todo.txt");
        assertThat(other.resolve("todo.txt")).hasContent("mine");
        assertThat(other.resolve("scalars.jsonl")).doesNotExist();
    }

    @Test
    void aRunInUseCannotBeTrainedIntoTwice() throws Exception {
        Path run = trainedRun(256);
        Map<String, byte[]> before = snapshot(run);
        try (RunDirectory held = RunDirectory.claimExisting(run)) {
            CliRun second = CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=512");
            assertRefused(second, "in use", "PID " + ProcessHandle.current().pid());
            Path fresh = dir.resolve("fresh");
            try (RunDirectory mine = RunDirectory.claimNew(fresh)) {
                assertRefused(CliRun.of(tiny(128, "--run-dir", fresh.toString())), "in use");
            }
        }
        assertUnchanged(before, run);
    }

    @Test
    void aDivergingLossStopsBeforeAnythingNonFiniteIsSaved() throws Exception {
        Path run = trainedRun(256);
        Map<String, byte[]> before = snapshot(run.resolve("checkpoints"));
        CliRun r = CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=512",
                "--set", "ppo.value_coef=1e30", "--set", "ppo.max_grad_norm=0");
        assertRefused(r, "training stopped", "non-finite", "iteration 3", "last good checkpoint", "iter-000002");
        assertUnchanged(before, run.resolve("checkpoints"));
        assertThat(CliRun.of("eval", run.toString(), "--episodes", "1").status()).isZero();
    }

    @Test
    void aLossThatDivergesAtOnceWritesNoCheckpoint() {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of(tiny(256, "--run-dir", run.toString(), "--set", "ppo.value_coef=1e30",
                "--set", "ppo.max_grad_norm=0"));
        assertRefused(r, "non-finite", "no checkpoint was written yet");
        assertThat(run.resolve("checkpoints")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nan_observation | returned NaN at observation index 2",
        "inf_reward      | returned the reward Infinity",
        "wrong_size      | an observation of 7 floats",
        "throw_step      | step() threw IllegalStateException: physics exploded",
        "null_step       | step() returned null",
        "throw_reset     | threw IllegalStateException: reset failed",
        "null_reset      | reset(1) returned null",
        "throw_create    | create() threw IllegalStateException: no licence server",
        "null_create     | create() returned null",
    })
    void aMisbehavingEnvPluginIsNamedInOneLine(String fault, String message) {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of(tiny(256, "--run-dir", run.toString(), "--set", "env.name=Faulty-v0",
                "--set", "env.fault=" + fault));
        assertRefused(r, "env plugin Faulty-v0", message);
        assertThat(run.resolve("checkpoints")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run.sinks=tensorboard         | run.sinks",
        "env=CartPole-v1               | env.name",
        "seed=null                     | seed",
        "ppo.num_envs=abc              | ppo.num_envs",
        "ppo=3                         | must be a block ppo",
        "ppo.total_timesteps=1e12      | ppo.total_timesteps",
        "ppo.num_envs=2e7              | ppo.num_envs",
        "ppo.num_steps=65536           | num_envs * num_steps",
        "ppo.learning_rate=1e400       | finite",
        "ppo.gamma=NaN                 | ppo.gamma",
        "run.progress=maybe            | run.progress",
        "objective.clip_epsilon=[0.2]  | objective.clip_epsilon",
    })
    void aWrongValueIsNamedInOneLine(String override, String fragment) {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of(tiny(256, "--run-dir", run.toString(), "--set", override,
                "--set", override.startsWith("ppo.num_steps") ? "ppo.num_envs=4096" : "run.keep_checkpoints=2"));
        assertRefused(r, fragment);
        assertThat(run.resolve("checkpoints")).doesNotExist();
    }

    @Test
    void resumeRefusesAnotherBatchShapeAndLeavesTheRunAlone() throws Exception {
        Path run = trainedRun(256);
        Map<String, byte[]> before = snapshot(run);
        assertRefused(CliRun.of("train", "--resume", run.toString(), "--set", "ppo.num_envs=16",
                "--set", "ppo.total_timesteps=4096"), "cannot change ppo.num_envs");
        assertRefused(CliRun.of("train", "--resume", run.toString(), "--set", "ppo.num_steps=32",
                "--set", "ppo.total_timesteps=4096"), "cannot change ppo.num_steps");
        assertRefused(CliRun.of("train", "--resume", run.toString()), "already taken 256 of its 256 steps",
                "ppo.total_timesteps");
        assertUnchanged(before, run);

        // a Gaussian policy's weights cannot become a Beta policy's
        Path pendulum = dir.resolve("pendulum");
        CliRun trained = CliRun.of("train", "--run-dir", pendulum.toString(), "--set", "env.name=Pendulum-v1",
                "--set", "ppo.num_envs=2", "--set", "ppo.num_steps=64", "--set", "ppo.minibatch_size=64",
                "--set", "ppo.total_timesteps=128");
        assertThat(trained.status()).as(trained.err()).isZero();
        Map<String, byte[]> gaussian = snapshot(pendulum);
        assertRefused(CliRun.of("train", "--resume", pendulum.toString(), "--set", "ppo.box_distribution=beta",
                "--set", "ppo.total_timesteps=256"), "cannot change ppo.box_distribution", "gaussian", "beta");
        assertUnchanged(gaussian, pendulum);
    }

    @Test
    void countsOnTheCommandLineMustBePositive() throws Exception {
        Path run = trainedRun(128);
        assertRefused(CliRun.of("eval", run.toString(), "--episodes", "0"), "--episodes");
        Path gif = dir.resolve("out.gif");
        assertRefused(CliRun.of("play", run.toString(), "--episodes", "0", "--gif", gif.toString()), "--episodes");
        assertRefused(CliRun.of("play", run.toString(), "--fps", "0", "--gif", gif.toString()), "--fps");
        assertRefused(CliRun.of("play", run.toString(), "--every", "-1", "--gif", gif.toString()), "--every");
        assertThat(gif).doesNotExist();
    }

    @Test
    void anEmptiedOrEditedCheckpointFileIsDetected() throws Exception {
        Path run = trainedRun(256);
        Path checkpoint = run.resolve("checkpoints/iter-000002");
        Files.writeString(checkpoint.resolve("config.conf"), "");
        Map<String, byte[]> before = snapshot(run);
        assertRefused(CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=512"),
                "config.conf does not match its SHA-256");
        assertUnchanged(before, run);

        Path other = dir.resolve("other");
        assertThat(CliRun.of(tiny(256, "--run-dir", other.toString())).status()).isZero();
        Path state = other.resolve("checkpoints/iter-000002/state.json");
        Files.writeString(state, Files.readString(state).replace("\"iteration\" : 2", "\"iteration\" : 1"));
        assertRefused(CliRun.of("eval", other.toString(), "--episodes", "1"), "state.json does not match");
    }

    @Test
    void aCorruptNewestCheckpointOffersThePreviousOne() throws Exception {
        Path run = trainedRun(512);
        Path variables = run.resolve("checkpoints/iter-000004/variables.bin");
        byte[] bytes = Files.readAllBytes(variables);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(variables, bytes);
        assertRefused(CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=768"),
                "iter-000004", "corrupted", "--checkpoint iter-000002");
        CliRun older = CliRun.of("train", "--resume", run.toString(), "--checkpoint", "iter-000002",
                "--set", "ppo.total_timesteps=768");
        assertThat(older.status()).as(older.err()).isZero();
        assertThat(run.resolve("checkpoints/latest")).hasContent("iter-000006");
        assertRefused(CliRun.of("train", "--resume", run.toString(), "--checkpoint", "iter-000099",
                "--set", "ppo.total_timesteps=1024"), "no checkpoint iter-000099", "iter-000006");
    }

    @Test
    void aVariablesHeaderClaimingHugeSizesIsCorruptionNotOutOfMemory() throws Exception {
        Path run = trainedRun(256);
        Path checkpoint = run.resolve("checkpoints/iter-000002");
        Files.delete(checkpoint.resolve("manifest.json")); // only the file's own checks stand now
        byte[] bytes = Files.readAllBytes(checkpoint.resolve("variables.bin"));
        ByteBuffer.wrap(bytes).putInt(8, Integer.MAX_VALUE);
        Files.write(checkpoint.resolve("variables.bin"), bytes);
        CliRun r = CliRun.of("eval", run.toString(), "--episodes", "1");
        assertRefused(r, "variables.bin is corrupted", "claims 2147483647 variables");
    }
}
