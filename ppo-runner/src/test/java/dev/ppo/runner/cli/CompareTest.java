package dev.ppo.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {

    private static final Path STUDY = Path.of("src/test/resources/tiny-study.conf");

    @TempDir
    Path dir;

    @Test
    void studyWritesTableChartsAndCsvAndReproducesItself() throws Exception {
        Path first = dir.resolve("first");
        CliRun r = CliRun.of("compare", STUDY.toString(), "--out", first.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("| Clipping, eps = 0.2 |").contains("| Adaptive KL |");
        for (String file : new String[] {"table.md", "table.json", "scores.csv", "curves.csv", "curves-CartPole-v1.png"}) {
            assertThat(first.resolve(file)).isNotEmptyFile();
        }
        JsonNode table = new ObjectMapper().readTree(first.resolve("table.json").toFile());
        assertThat(table.get("rows")).hasSize(2);
        double best = Math.max(table.get("rows").get(0).get("normalized_score").asDouble(),
                table.get("rows").get(1).get("normalized_score").asDouble());
        assertThat(best).isEqualTo(1.0); // the best row defines 1 on its env
        assertThat(Files.readAllLines(first.resolve("scores.csv"))).hasSize(1 + 2 * 2);

        // rerunning skips the finished runs and writes the same table
        CliRun again = CliRun.of("compare", STUDY.toString(), "--out", first.toString());
        assertThat(again.err()).contains("done already");
        // a fresh directory retrains everything from the same seeds: the same table
        Path second = dir.resolve("second");
        assertThat(CliRun.of("compare", STUDY.toString(), "--out", second.toString()).status()).isZero();
        assertThat(Files.readString(second.resolve("table.json"))).isEqualTo(Files.readString(first.resolve("table.json")));
    }

    @Test
    void interruptedRunIsResumed() throws Exception {
        Path out = dir.resolve("study");
        assertThat(CliRun.of("compare", STUDY.toString(), "--out", out.toString()).status()).isZero();
        // pretend one run stopped after its first checkpoint: drop the later ones
        Path run = out.resolve("runs/CartPole-v1/clipping-eps-0.2/seed-1");
        Files.writeString(run.resolve("checkpoints/latest"), "iter-000003\n");
        CliRun r = CliRun.of("compare", STUDY.toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("resuming at step 768: CartPole-v1 / Clipping, eps = 0.2 / seed 1");
    }
}
