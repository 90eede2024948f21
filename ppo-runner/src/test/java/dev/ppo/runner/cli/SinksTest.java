package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run.sinks}: every sink gets the same named scalars, and a sink plugin gets its own settings. */
class SinksTest {

    @TempDir
    Path dir;

    @Test
    void aSinkPluginGetsItsSettingsAndTheSameScalarsAsTheRunLog() throws Exception {
        Path run = dir.resolve("run");
        CliRun result = CliRun.of(tiny(128L * 3, "--run-dir", run.toString(),
                "--set", "run.sinks=[tensorboard, {name = recording, file = \"kl.txt\", only = approx_kl}]"));
        assertThat(result.status()).as(result.err()).isZero();
        List<String> recorded = Files.readAllLines(run.resolve("kl.txt"));
        assertThat(recorded).containsExactly("approx_kl 128", "approx_kl 256", "approx_kl 384");
        assertThat(run.resolve("recorded.txt")).doesNotExist();

        // the recording sink saw exactly the keys of scalars.jsonl, in its order
        Path all = dir.resolve("all");
        assertThat(CliRun.of(tiny(128, "--run-dir", all.toString(), "--set", "run.sinks=[recording]")).status())
                .isZero();
        JsonNode row = new ObjectMapper().readTree(Files.readAllLines(all.resolve("scalars.jsonl")).get(0));
        List<String> keys = Files.readAllLines(all.resolve("recorded.txt")).stream()
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertThat(keys).isEqualTo(List.copyOf(iterable(row.fieldNames())));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aWrongSinkEntryIsOneClearLineBeforeAnythingIsWritten() {
        Path run = dir.resolve("refused");
        CliRun unknownSetting = CliRun.of(tiny(128, "--run-dir", run.toString(),
                "--set", "run.sinks=[{name = recording, colour = red}]"));
        assertThat(unknownSetting.status()).isEqualTo(2);
        assertThat(unknownSetting.errorLines()).singleElement().asString().contains("run.sinks[0].colour")
                .contains("unknown setting for sink 'recording'").contains("it accepts file, only");

        CliRun unknownSink = CliRun.of(tiny(128, "--run-dir", run.toString(), "--set", "run.sinks=[wandb]"));
        assertThat(unknownSink.status()).isEqualTo(2);
        assertThat(unknownSink.errorLines()).singleElement().asString()
                .contains("Unrecognized value for run.sinks: 'wandb'").contains("tensorboard");

        CliRun notAList = CliRun.of(tiny(128, "--run-dir", run.toString(), "--set", "run.sinks=[[1]]"));
        assertThat(notAList.status()).isEqualTo(2);
        assertThat(notAList.errorLines()).singleElement().asString().contains("run.sinks[0]")
                .contains("must be a sink name or a block with one");
        assertThat(run).doesNotExist();
    }
}
