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

/** The CLI end to end on tiny budgets: train, checkpoint, resume, eval, plugins, and bad input. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A comment of reference.conf, to see that comments survive checkpoint and resume. */
    private static final String SEED_COMMENT = "# Seeds the envs (env i of N gets seed + i)";

    private static List<String> tiny(long totalSteps, String... extra) {
        return CliRun.tiny(totalSteps, extra);
    }

    private static List<JsonNode> scalars(Path run) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("scalars.jsonl"))) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void trainCheckpointsResumesAndEvaluates() throws Exception {
        Path run = dir.resolve("run");
        List<String> args = tiny(512, "--run-dir", run.toString());
        CliRun train = CliRun.of(args.toArray(String[]::new));
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(Files.readString(run.resolve("checkpoints/latest")).trim()).isEqualTo("iter-000004");
        assertThat(Files.readString(run.resolve("config.conf"))).contains(SEED_COMMENT);
        // the closing summary, printed even with run.progress = false
        assertThat(train.out()).contains("trained 512 steps in").contains("steps/s")
                .contains("last checkpoint: checkpoints" + java.io.File.separator + "iter-000004")
                .contains("next: bin/ppo eval " + run);
        try (var files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("events.out.tfevents."));
        }
        List<JsonNode> rows = scalars(run);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).get("global_step").asLong()).isEqualTo(512);
        assertThat(rows.get(0).has("approx_kl")).isTrue();
        assertThat(rows.get(0).has("clip_fraction")).isTrue();

        // continue to 1024 steps: iterations 5..8 are appended, the counters carry on
        CliRun resume = CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=1024");
        assertThat(resume.status()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("trained 512 steps in");
        rows = scalars(run);
        assertThat(rows).extracting(r -> r.get("iteration").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(rows.get(7).get("global_step").asLong()).isEqualTo(1024);
        assertThat(Files.readString(run.resolve("checkpoints/latest")).trim()).isEqualTo("iter-000008");
        // the run's config.conf, rewritten from the checkpoint's, keeps the explaining comments
        assertThat(Files.readString(run.resolve("config.conf"))).contains(SEED_COMMENT);
        assertThat(Files.readString(run.resolve("checkpoints/iter-000008/config.conf"))).contains(SEED_COMMENT);

        CliRun eval = CliRun.of("eval", run.toString(), "--episodes", "3", "--json");
        assertThat(eval.status()).as(eval.err()).isZero();
        JsonNode result = JSON.readTree(eval.out());
        assertThat(result.get("episodes").asInt()).isEqualTo(3);
        assertThat(result.get("mean").asDouble()).isBetween(8.0, 500.0);
        assertThat(result.has("std")).isTrue();
        assertThat(result.get("returns")).hasSize(3);
    }

    @Test
    void loggingMetricsGoToTheRunDirectoryNotTheConsole() throws Exception {
        Path run = dir.resolve("metrics");
        CliRun r = CliRun.of(tiny(512, "--run-dir", run.toString(), "--set", "metrics.exporter=logging",
                "--set", "metrics.interval_seconds=0.05"));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(run.resolve("metrics.log"))).contains("ppo.kl").contains("ppo.env.steps")
                .contains("service.name=\"ppo-java\"");
        assertThat(r.out() + r.err()).doesNotContain("ImmutableMetricData").contains("metrics.log");
    }

    @Test
    void aRunOfOneBackendEvaluatesAndResumesWithTheOther() throws Exception {
        Path run = dir.resolve("java-run");
        CliRun train = CliRun.of(tiny(1024, "--run-dir", run.toString(), "--set", "backend.name=java"));
        assertThat(train.status()).as(train.err()).isZero();
        CliRun withJava = CliRun.of("eval", run.toString(), "--episodes", "5", "--json");
        CliRun withTf = CliRun.of("eval", run.toString(), "--episodes", "5", "--json", "--set",
                "backend.name=tensorflow");
        assertThat(withTf.status()).as(withTf.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(withTf.out()).get("returns")).isEqualTo(json.readTree(withJava.out()).get("returns"));
        CliRun resumed = CliRun.of("train", "--resume", run.toString(), "--set", "backend.name=tensorflow",
                "--set", "ppo.total_timesteps=2048");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        CliRun refused = CliRun.of("eval", run.toString(), "--set", "env.name=Pendulum-v1");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.errorLines()).singleElement().asString().contains("only backend settings");
    }

    @Test
    void aResumedRunCanSwitchBetweenLearnedAndScheduledActionStd() throws Exception {
        Path run = dir.resolve("pendulum");
        CliRun train = CliRun.of(tiny(256, "--run-dir", run.toString(), "--set", "env.name=Pendulum-v1"));
        assertThat(train.status()).as(train.err()).isZero();

        // learned -> decay: the log-std's Adam moments are dropped, the schedule sets it from now on
        CliRun decay = CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=512",
                "--set", "ppo.action_std=decay", "--set", "ppo.action_std_init=0.3", "--set", "ppo.action_std_final=0.1");
        assertThat(decay.status()).as(decay.err()).isZero();
        assertThat(decay.err()).contains("actor/log_std").contains("not used");
        assertThat(scalars(run)).extracting(r -> r.get("iteration").asInt()).containsExactly(1, 2, 3, 4);

        // decay -> learned: the optimizer takes the log-std over with fresh moments
        CliRun learned = CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=768",
                "--set", "ppo.action_std=learned");
        assertThat(learned.status()).as(learned.err()).isZero();
        assertThat(learned.err()).contains("actor/log_std").contains("zero");
        assertThat(CliRun.of("eval", run.toString(), "--episodes", "1").status()).isZero();
    }

    @Test
    void corruptedCheckpointIsReportedAndLeftUntouched() throws Exception {
        Path run = dir.resolve("run");
        assertThat(CliRun.of(tiny(256, "--run-dir", run.toString()).toArray(String[]::new)).status()).isZero();
        Path variables = run.resolve("checkpoints/iter-000002/variables.bin");
        byte[] bytes = Files.readAllBytes(variables);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(variables, bytes);
        byte[] scalarsBefore = Files.readAllBytes(run.resolve("scalars.jsonl"));

        CliRun eval = CliRun.of("eval", run.toString(), "--episodes", "1");
        assertThat(eval.status()).isEqualTo(2);
        assertThat(eval.err()).contains("variables.bin").contains("corrupted").doesNotContain("\tat ");

        CliRun resume = CliRun.of("train", "--resume", run.toString(), "--set", "ppo.total_timesteps=512");
        assertThat(resume.status()).isEqualTo(2);
        assertThat(Files.readAllBytes(variables)).isEqualTo(bytes);
        assertThat(Files.readAllBytes(run.resolve("scalars.jsonl"))).isEqualTo(scalarsBefore);
    }

    @Test
    void checkpointOfAnotherModelIsAMismatchError() throws Exception {
        Path small = dir.resolve("small");
        assertThat(CliRun.of(tiny(128, "--run-dir", small.toString(), "--set", "network.hidden=[8]")
                .toArray(String[]::new)).status()).isZero();
        Path variables = small.resolve("checkpoints/iter-000001/variables.bin");
        byte[] before = Files.readAllBytes(variables);
        // resuming with a wider policy network cannot load the saved weights
        CliRun resume = CliRun.of("train", "--resume", small.toString(), "--set", "network.hidden=[16]",
                "--set", "ppo.total_timesteps=256");
        assertThat(resume.status()).as(resume.out() + resume.err()).isEqualTo(2);
        assertThat(resume.err()).contains("does not match").contains("actor/l0/w");
        assertThat(Files.readAllBytes(variables)).isEqualTo(before);
        assertThat(Files.readString(small.resolve("checkpoints/latest")).trim()).isEqualTo("iter-000001");
    }

    @Test
    void objectiveCanBeSwappedOnAPresetThatConfiguresAnother() throws Exception {
        // conf/cartpole.conf sets clip's settings; they are ignored (with a warning) for adaptive-kl
        Path run = dir.resolve("kl");
        CliRun r = CliRun.of(tiny(256, "../conf/cartpole.conf", "--set", "objective.name=adaptive-kl",
                "--run-dir", run.toString()).toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(scalars(run)).allSatisfy(row -> assertThat(row.get("beta").asDouble()).isPositive());
    }

    @Test
    void randomPolicyEvaluationMatchesGymnasiumsCartPoleFigure() throws Exception {
        CliRun r = CliRun.of("eval", "--random", "--env", "CartPole-v1", "--episodes", "200", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode result = JSON.readTree(r.out());
        assertThat(result.get("policy").asText()).isEqualTo("random");
        // Gymnasium 1.3.0, action_space.sample(), seeds 0..199: 24.1 +- 14.2; standard error 1.0
        assertThat(result.get("mean").asDouble()).isBetween(24.1 - 3, 24.1 + 3);
        assertThat(result.get("std").asDouble()).isBetween(10.0, 18.0);
    }

    @Test
    void playWritesAnAnimatedGifOfEveryFrame() throws Exception {
        Path gif = dir.resolve("cartpole.gif");
        CliRun r = CliRun.of("play", "--random", "--env", "CartPole-v1", "--gif", gif.toString(), "--seed", "3");
        assertThat(r.status()).as(r.err()).isZero();
        var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int frames = reader.getNumImages(true);
            JsonNode eval = JSON.readTree(CliRun.of("eval", "--random", "--env", "CartPole-v1", "--episodes", "1",
                    "--seed", "3", "--json").out());
            // the reset frame plus one per step
            assertThat(frames).isEqualTo(eval.get("lengths").get(0).asInt() + 1);
            assertThat(reader.read(0).getWidth()).isEqualTo(600);
        }
    }

    @Test
    void unknownPluginNameListsWhatWasFound() {
        CliRun r = CliRun.of("train", "--set", "objective.name=trpo", "--run-dir", dir.resolve("x").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("objective.name").contains("trpo")
                .contains("clip").contains("adaptive-kl").contains("fixed-kl").contains("cpi")
                .doesNotContain("\tat ");
    }

    @Test
    void unknownPluginSettingNamesKeyAndAcceptedSettings() {
        CliRun r = CliRun.of("train", "--set", "objective.clip_epslon=0.1", "--run-dir", dir.resolve("x").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("objective.clip_epslon").contains("clip_epsilon");
    }

    @Test
    void outOfRangeObjectiveSettingIsAClearError() {
        CliRun r = CliRun.of("train", "--set", "objective.clip_epsilon=0", "--run-dir", dir.resolve("x").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("objective.clip_epsilon").doesNotContain("\tat ");
        CliRun verbose = CliRun.of("train", "--set", "objective.clip_epsilon=0", "--verbose",
                "--run-dir", dir.resolve("x").toString());
        assertThat(verbose.status()).isEqualTo(2);
        assertThat(verbose.err()).contains("\tat ");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"train", "eval", "play", "plugins", "compare", "bench",
        "check-env", "doctor"})
    void everyCommandHasHelp(String command) {
        for (List<String> args : List.of(List.of(command, "--help"), List.of(command, "-h"), List.of("help", command))) {
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.status()).as(args + ": " + r.err()).isZero();
            assertThat(r.out()).as(args.toString()).startsWith("Usage: ppo " + command);
        }
    }

    @Test
    void doctorReportsTheTensorFlowBuildAndItsDevices() throws Exception {
        CliRun r = CliRun.of("doctor", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("tensorflow").get("version").asText()).isEqualTo("2.18.0");
        assertThat(report.get("tensorflow").get("build").asText()).isEqualTo("cpu");
        assertThat(report.get("devices").toString()).contains("/device:CPU:0");
        assertThat(report.get("jvm").has("vector_api")).isTrue();
        assertThat(report.get("fixes").isArray()).isTrue();
    }

    @Test
    void noCommandListsThemAll() {
        CliRun r = CliRun.of();
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("a command is required");
        for (String command : List.of("train", "eval", "play", "plugins", "compare", "bench", "check-env", "doctor",
                "help")) {
            assertThat(r.err()).containsPattern("(?m)^  " + command + " ");
        }
    }

    @Test
    void pluginsJsonListsEveryBuiltIn() throws Exception {
        CliRun r = CliRun.of("plugins", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode array = JSON.readTree(r.out());
        List<String> found = new ArrayList<>();
        array.forEach(p -> found.add(p.get("type").asText() + ":" + p.get("name").asText()));
        assertThat(found).contains("env:CartPole-v1", "env:Pendulum-v1", "objective:clip", "objective:adaptive-kl",
                "objective:fixed-kl", "objective:cpi", "network:mlp", "backend:tensorflow", "sink:tensorboard");
        JsonNode clip = array.findParents("name").stream().filter(p -> p.get("name").asText().equals("clip"))
                .findFirst().orElseThrow();
        assertThat(clip.get("settings").get("clip_epsilon").asDouble()).isEqualTo(0.2);
    }
}
