package dev.ppo.runner.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress where stderr is no terminal: whole lines, one per 5%, the return in full. */
class ProgressTest {

    @Test
    void linesComeEveryFivePercentWithTheFullReturn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress.Lines lines = new Progress.Lines(100_000, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (long step = 512; step <= 100_000; step += 512) {
            lines.update(step, step < 50_000 ? Double.NaN : 500.0);
        }
        lines.update(100_000, 500.0);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines()).hasSize(20).allMatch(l -> l.startsWith("train "));
        assertThat(out.lines().findFirst().orElseThrow()).startsWith("train   5% 5,120/100,000 steps").doesNotContain("return");
        assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).startsWith("train 100% 100,000/100,000 steps")
                .endsWith("return 500.0");
    }
}
