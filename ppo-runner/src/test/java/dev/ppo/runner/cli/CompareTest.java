package dev.ppo.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.runner.io.DurableFiles;
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

        // the charts come back from curves.csv alone: one panel per objective family (clip, adaptive KL)
        Path png = first.resolve("curves-CartPole-v1.png");
        Files.delete(png);
        DurableFiles.deleteRecursively(first.resolve("runs"));
        CliRun charts = CliRun.of("compare", STUDY.toString(), "--out", first.toString(), "--charts-only");
        assertThat(charts.status()).as(charts.err()).isZero();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * 560); // two families side by side
        assertThat(image.getHeight()).isEqualTo(44 + 420);

        // a curves.csv without one of the study's rows is refused by name
        Path curves = first.resolve("curves.csv");
        Files.write(curves, Files.readAllLines(curves).stream().filter(l -> !l.contains("Adaptive KL")).toList());
        CliRun missing = CliRun.of("compare", STUDY.toString(), "--out", first.toString(), "--charts-only");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.errorLines()).singleElement().asString().contains("no curves of row 'Adaptive KL'");
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
