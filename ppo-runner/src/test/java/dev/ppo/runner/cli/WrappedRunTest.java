package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.env.Env;
import dev.ppo.api.space.Box;
import dev.ppo.runner.Policy;
import dev.ppo.runner.Ppo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code env.wrappers} end to end: a pixel run trained through wrappers is evaluated and played through the same ones. */
class WrappedRunTest {

    private static final String WRAPPERS = "env.wrappers=[{name = max_and_skip, skip = 2}, {name = grayscale}, "
            + "{name = resize, shape = [48, 48]}, {name = frame_stack, size = 2}]";

    @TempDir
    Path dir;

    @Test
    void evalAndPolicyApplyTheWrappersTheRunWasTrainedWith() throws Exception {
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(tiny(128, "--run-dir", run.toString(), "--set", "env.name=CarRacing-v3",
                "--set", "env.continuous=false", "--set", "network.name=nature-cnn", "--set", WRAPPERS,
                "--set", "ppo.minibatch_size=32"));
        assertThat(train.status()).as(train.err()).isZero();

        try (Policy policy = Ppo.loadPolicy(run); Env env = policy.newEnv()) {
            // 96x96 RGB -> 48x48 gray, two frames as channels: what the network was built for
            assertThat(((Box) env.observationSpace()).shape()).containsExactly(48, 48, 2);
            float[] obs = env.reset(3);
            assertThat(obs).hasSize(48 * 48 * 2);
            assertThat(policy.act(obs)).hasSize(1);
        }
        CliRun eval = CliRun.of("eval", run.toString(), "--episodes", "1", "--json");
        assertThat(eval.status()).as(eval.err()).isZero();
        // max_and_skip = 2: CarRacing's 1000-step limit is 500 decisions
        assertThat(new ObjectMapper().readTree(eval.out()).get("lengths").get(0).asInt()).isLessThanOrEqualTo(500);
    }

    @Test
    void pluginsListsEachWrapperWithItsSettings() throws Exception {
        CliRun r = CliRun.of("plugins", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> wrappers = new ArrayList<>();
        for (JsonNode p : new ObjectMapper().readTree(r.out())) {
            if (p.get("type").asText().equals("wrapper")) {
                wrappers.add(p.get("name").asText() + " " + p.get("settings"));
            }
        }
        assertThat(wrappers).containsExactly("max_and_skip {\"skip\":4}", "grayscale {\"keep_dim\":false}",
                "resize {\"shape\":[84,84]}", "frame_stack {\"size\":4}", "mask_velocity {\"indices\":[1,3]}");
    }

    @Test
    void aBadWrapperEntryIsNamedWithItsIndex() {
        Path run = dir.resolve("bad");
        CliRun unknown = CliRun.of(tiny(128, "--run-dir", run.toString(), "--set", "env.wrappers=[{name = blur}]"));
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("blur").contains("max_and_skip, grayscale, resize, frame_stack, mask_velocity");
        CliRun setting = CliRun.of(tiny(128, "--run-dir", run.toString(), "--set",
                "env.wrappers=[{name = max_and_skip, skip = 2}, {name = resize, size = 3}]"));
        assertThat(setting.status()).isEqualTo(2);
        assertThat(setting.err()).contains("env.wrappers[1].size").contains("it accepts shape");
        CliRun vector = CliRun.of(tiny(128, "--run-dir", run.toString(), "--set", "env.wrappers=[{name = grayscale}]"));
        assertThat(vector.status()).isEqualTo(2);
        assertThat(vector.err()).contains("wrapper grayscale").contains("[H, W, 3]");
        CliRun mask = CliRun.of(tiny(128, "--run-dir", run.toString(), "--set",
                "env.wrappers=[{name = mask_velocity, indices = [1, 4]}]"));
        assertThat(mask.status()).isEqualTo(2);
        assertThat(mask.errorLines()).singleElement().asString().contains("env.wrappers[0].indices")
                .contains("index 4 is outside the observation's 4 entries");
        assertThat(run).doesNotExist();
    }
}
