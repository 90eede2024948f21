package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.io.CheckpointStore;
import dev.ppo.runner.io.CheckpointStore.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppo average}: the mean of a run's checkpoints as a model directory, and every refusal. */
class AverageTest {

    @TempDir
    static Path tmp;

    private static Path run;

    /** A CartPole run with checkpoints after iterations 2, 4, 6 and 8. */
    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        CliRun r = CliRun.of(tiny(1024, "--run-dir", run.toString(), "--set", "run.keep_checkpoints=10"));
        assertThat(r.status()).as(r.err()).isZero();
    }

    private static Path checkpoint(int iteration) {
        return run.resolve("checkpoints").resolve(CheckpointStore.checkpointName(iteration));
    }

    @Test
    void lastThreeCheckpointsAreAveragedVariableByVariable() throws Exception {
        Path out = tmp.resolve("avg-last3");
        CliRun r = CliRun.of("average", run.toString(), "--last", "3", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 checkpoints").contains("[4, 6, 8]");

        List<Checkpoint> sources = Stream.of(4, 6, 8).map(i -> CheckpointStore.load(checkpoint(i))).toList();
        Checkpoint averaged = CheckpointStore.load(out); // its manifest verifies
        assertThat(averaged.state().iteration()).isEqualTo(8);
        List<VariableState> newest = sources.get(2).variables();
        assertThat(averaged.variables()).extracting(VariableState::name)
                .containsExactlyElementsOf(newest.stream().map(VariableState::name).toList());
        int averagedCount = 0;
        for (int i = 0; i < newest.size(); i++) {
            VariableState v = averaged.variables().get(i);
            if (v.name().contains("adam")) {
                assertThat(v.values()).as(v.name() + " is the newest checkpoint's").containsExactly(newest.get(i).values());
                continue;
            }
            averagedCount++;
            boolean moved = false;
            for (int k = 0; k < v.values().length; k++) {
                double mean = 0;
                for (Checkpoint c : sources) {
                    mean += c.variables().get(i).values()[k] / 3.0;
                }
                assertThat((double) v.values()[k]).as("%s[%d]", v.name(), k).isCloseTo(mean, within(1e-6));
                moved |= v.values()[k] != newest.get(i).values()[k];
            }
            assertThat(moved).as(v.name() + " differs from the newest checkpoint's").isTrue();
        }
        assertThat(averagedCount).isPositive();

        JsonNode provenance = new ObjectMapper().readTree(out.resolve("average.json").toFile());
        assertThat(provenance.path("sources")).hasSize(3);
        assertThat(provenance.path("sources").get(0).path("iteration").asInt()).isEqualTo(4);
        assertThat(provenance.path("averagedVariables")).hasSize(averagedCount);

        CliRun eval = CliRun.of("eval", out.toString(), "--episodes", "2", "--json");
        assertThat(eval.status()).as(eval.err()).isZero();
        assertThat(new ObjectMapper().readTree(eval.out()).path("returns")).hasSize(2);

        // naming the same checkpoints gives the same model
        Path named = tmp.resolve("avg-named");
        CliRun explicit = CliRun.of("average", checkpoint(4).toString(), checkpoint(6).toString(),
                checkpoint(8).toString(), "--out", named.toString());
        assertThat(explicit.status()).as(explicit.err()).isZero();
        assertThat(Files.readAllBytes(named.resolve("variables.bin")))
                .isEqualTo(Files.readAllBytes(out.resolve("variables.bin")));
    }

    @Test
    void aCheckpointWrittenBeforeAKeyExistedAgreesThroughItsDefault() throws Exception {
        Checkpoint six = CheckpointStore.load(checkpoint(6));
        assertThat(six.config().hasPath("ppo.box_distribution")).isTrue();
        Path older = tmp.resolve("older-iter-000006");
        CheckpointStore.writeModelDir(older, six.config().withoutPath("ppo.box_distribution"), six.variables(),
                six.state());
        Path out = tmp.resolve("avg-older");
        CliRun r = CliRun.of("average", older.toString(), checkpoint(8).toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(CheckpointStore.load(out).state().iteration()).isEqualTo(8);
    }

    @Test
    void refusesWhatIsNotAnAverageOfOneRunAndWritesNothing() throws Exception {
        Path out = tmp.resolve("refused");
        assertRefused(out, "at least 2", "average", checkpoint(8).toString(), "--out", out.toString());
        assertRefused(out, "is a run directory", "average", run.toString(), checkpoint(8).toString(), "--out",
                out.toString());
        assertRefused(out, "give a number from 2 to 4", "average", run.toString(), "--last", "5", "--out",
                out.toString());
        assertRefused(out, "--last takes one run directory", "average", run.toString(), run.toString(), "--last",
                "2", "--out", out.toString());
        assertRefused(out, "named twice", "average", checkpoint(8).toString(), checkpoint(8).toString(), "--out",
                out.toString());
        assertRefused(out, "no such run or model directory", "average", checkpoint(8).toString(),
                tmp.resolve("nope").toString(), "--out", out.toString());

        Path seed2 = tmp.resolve("seed2");
        assertThat(CliRun.of(tiny(256, "--run-dir", seed2.toString(), "--set", "seed=2")).status()).isZero();
        assertRefused(out, "differ in seed", "average", checkpoint(8).toString(), seed2.resolve("checkpoints")
                .resolve(CheckpointStore.checkpointName(2)).toString(), "--out", out.toString());

        Path pendulum = tmp.resolve("pendulum");
        assertThat(CliRun.of(tiny(256, "--run-dir", pendulum.toString(), "--set", "env.name=Pendulum-v1")).status())
                .isZero();
        assertRefused(out, "differ in env", "average", checkpoint(8).toString(), pendulum.resolve("checkpoints")
                .resolve(CheckpointStore.checkpointName(2)).toString(), "--out", out.toString());

        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "keep");
        CliRun notEmpty = CliRun.of("average", run.toString(), "--last", "2", "--out", full.toString());
        assertThat(notEmpty.status()).isEqualTo(2);
        assertThat(notEmpty.errorLines()).singleElement().asString().contains("is not empty");
        assertThat(Files.readString(full.resolve("notes.txt"))).isEqualTo("keep");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("average-tmp"));
        }
    }

    private static void assertRefused(Path out, String message, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.status()).as(r.out()).isEqualTo(2);
        assertThat(r.errorLines()).singleElement().asString().contains(message);
        assertThat(out).doesNotExist();
    }
}
