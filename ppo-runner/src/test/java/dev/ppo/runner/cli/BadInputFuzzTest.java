package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.ppo.runner.config.ConfigLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad input, each case refused with exit status 2, exactly one {@code error:} line and
 * no stack trace: wrong types and out-of-range values for every key of the defaults, overflow,
 * unknown keys, broken HOCON syntax, and damaged checkpoint files (truncated, bit flips, inflated
 * headers, broken JSON), with the manifest left stale or recomputed so that both the checksum and
 * the file's own checks are exercised.
 */
class BadInputFuzzTest {

    @TempDir
    static Path dir;

    /** Exit 2, one error line, no stack trace, and no run directory left behind. */
    private static void assertRefused(String what, CliRun r) {
        assertThat(r.status()).as(what + ": " + r.err()).isEqualTo(2);
        assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception in");
        assertThat(r.errorLines()).as(what + ": " + r.err()).hasSize(1);
        assertThat(r.errorLines().get(0)).as(what).startsWith("error: ");
    }

    /** Values of the wrong type for a key whose default has type {@code type}. */
    private static List<String> wrongTypes(ConfigValueType type) {
        return switch (type) {
            case NUMBER -> List.of("\"abc\"", "[1, 2]", "{ x = 1 }", "null", "true");
            case BOOLEAN -> List.of("\"maybe\"", "3", "[true]", "{ x = 1 }", "null");
            case STRING -> List.of("[a, b]", "{ x = 1 }", "null");
            case LIST -> List.of("\"abc\"", "7", "{ x = 1 }", "null", "[{ x = 1 }]");
            default -> List.of();
        };
    }

    private static final List<String> OUT_OF_RANGE = List.of(
            "ppo.total_timesteps=0", "ppo.total_timesteps=-5", "ppo.total_timesteps=1e12", "ppo.total_timesteps=1e30",
            "ppo.total_timesteps=2.5", "ppo.num_envs=0", "ppo.num_envs=-1", "ppo.num_envs=2e7", "ppo.num_envs=1.5",
            "ppo.num_envs=9223372036854775808", "ppo.num_steps=0", "ppo.num_steps=1e9", "ppo.minibatch_size=0",
            "ppo.minibatch_size=100000", "ppo.update_epochs=0", "ppo.update_epochs=1e9", "ppo.gamma=0",
            "ppo.gamma=1.5", "ppo.gamma=NaN", "ppo.gae_lambda=-0.1", "ppo.gae_lambda=2", "ppo.learning_rate=0",
            "ppo.learning_rate=-1e-4", "ppo.learning_rate=1e400", "ppo.critic_learning_rate=-1",
            "ppo.value_coef=-1", "ppo.value_coef=1e400", "ppo.entropy_coef=-0.01", "ppo.value_clip=-0.2",
            "ppo.max_grad_norm=-1", "ppo.target_kl=-1", "ppo.adam_epsilon=0", "ppo.init_log_std=1e400",
            "ppo.action_std=fixed", "ppo.action_std_init=0", "ppo.action_std_final=-1", "ppo.clip_observations=0",
            "ppo.clip_rewards=-10", "ppo.frame_stack=0", "ppo.frame_stack=100000", "run.checkpoint_every=0",
            "run.keep_checkpoints=0", "run.log_format=xml", "run.sinks=[nope]", "metrics.exporter=prometheus",
            "metrics.interval_seconds=0", "eval.episodes=0", "objective.clip_epsilon=-0.2",
            "objective.clip_epsilon=1e400", "objective.name=ppo2", "env.name=CartPole-v9", "network.name=transformer",
            "backend.name=pytorch", "seed=1e400", "seed=0.5");

    private static final List<String> UNKNOWN_KEYS = List.of(
            "ppo.num_env=4", "ppo.gama=0.9", "run.checkpoint=3", "sede=3", "evaluation.episodes=3",
            "objective.clip_epsilom=0.2", "env.max_episode_step=3", "network.hiden=[8]", "backend.devise=gpu",
            "metrics.exporters=none", "ppo.lr=3e-4", "run.progres=false");

    private static final List<String> BROKEN_SYNTAX = List.of(
            "ppo { num_envs = ", "}}}", "ppo.num_envs = = 3", "ppo { num_envs = 4", "ppo.hidden = [1, 2",
            "ppo.num_envs = ${missing}", "include required(\"no-such-file.conf\")", "env.name = \"unterminated",
            "ppo = { x = 1 } }", "a.b.c = {", "ppo.num_envs : 4 : 5", "\u0000\u0001\u0002garbage{{", "ppo..x = 1",
            "= 3");

    @TestFactory
    Stream<DynamicTest> badConfigurations() throws Exception {
        List<DynamicTest> cases = new ArrayList<>();
        Config reference = ConfigLoader.reference().resolve();
        for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
            String key = e.getKey();
            if (ConfigLoader.PLUGIN_BLOCKS.contains(key.substring(0, Math.max(0, key.indexOf('.'))))) {
                continue;
            }
            for (String value : wrongTypes(e.getValue().valueType())) {
                cases.add(override(key + "=" + value));
            }
        }
        OUT_OF_RANGE.forEach(o -> cases.add(override(o)));
        UNKNOWN_KEYS.forEach(o -> cases.add(override(o)));
        for (int i = 0; i < BROKEN_SYNTAX.size(); i++) {
            String text = BROKEN_SYNTAX.get(i);
            Path file = dir.resolve("broken-" + i + ".conf");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            cases.add(DynamicTest.dynamicTest("preset: " + text, () -> {
                Path run = dir.resolve("run-broken");
                assertRefused(text, CliRun.of("train", file.toString(), "--run-dir", run.toString()));
                assertThat(run).doesNotExist();
            }));
        }
        System.out.println("bad configurations: " + cases.size());
        assertThat(cases.size()).isGreaterThanOrEqualTo(200);
        return cases.stream();
    }

    private static int runs;

    private static DynamicTest override(String override) {
        Path run = dir.resolve("run-override-" + runs++);
        return DynamicTest.dynamicTest("--set " + override, () -> {
            List<String> args = tiny(256, "--run-dir", run.toString(), "--set", override);
            assertRefused(override, CliRun.of(args));
            assertThat(run).as(override).doesNotExist();
        });
    }

    @TestFactory
    Stream<DynamicTest> badCheckpointFiles() throws Exception {
        Path good = dir.resolve("good");
        CliRun train = CliRun.of(tiny(256, "--run-dir", good.toString()));
        assertThat(train.status()).as(train.err()).isZero();
        Path checkpoint = good.resolve("checkpoints/iter-000002");
        byte[] variables = Files.readAllBytes(checkpoint.resolve("variables.bin"));
        List<DynamicTest> cases = new ArrayList<>();
        int[] counter = {0};
        // a copy of the checkpoint, damaged by `damage`, manifest stale or recomputed
        record Case(String name, String file, Consumer<Path> damage) {
        }
        List<Case> damages = new ArrayList<>();
        for (int cut : new int[] {0, 1, 4, 11, 12, 20, variables.length / 2, variables.length - 8, variables.length - 1}) {
            damages.add(new Case("variables.bin cut to " + cut, "variables.bin",
                    d -> write(d.resolve("variables.bin"), java.util.Arrays.copyOf(variables, cut))));
        }
        Random random = new Random(7);
        for (int k = 0; k < 24; k++) {
            int position = k < 4 ? k * 4 : random.nextInt(variables.length);
            int bit = random.nextInt(8);
            damages.add(new Case("variables.bin bit " + bit + " of byte " + position + " flipped", "variables.bin", d -> {
                byte[] b = variables.clone();
                b[position] ^= (byte) (1 << bit);
                write(d.resolve("variables.bin"), b);
            }));
        }
        // header fields: variable count at 8, then the first variable's name length at 12
        for (int[] field : new int[][] {{8, Integer.MAX_VALUE}, {8, -1}, {8, 1 << 20}}) {
            damages.add(new Case("variables.bin count " + field[1], "variables.bin", d -> {
                byte[] b = variables.clone();
                ByteBuffer.wrap(b).putInt(field[0], field[1]);
                write(d.resolve("variables.bin"), b);
            }));
        }
        int nameLength = ByteBuffer.wrap(variables).getShort(12);
        int rankAt = 14 + nameLength;
        for (int rank : new int[] {-1, 1 << 24, 9}) {
            damages.add(new Case("variables.bin rank " + rank, "variables.bin", d -> {
                byte[] b = variables.clone();
                ByteBuffer.wrap(b).putInt(rankAt, rank);
                write(d.resolve("variables.bin"), b);
            }));
        }
        for (long dim : new long[] {-3, Long.MAX_VALUE, 1L << 40}) {
            damages.add(new Case("variables.bin dimension " + dim, "variables.bin", d -> {
                byte[] b = variables.clone();
                ByteBuffer.wrap(b).putLong(rankAt + 4, dim);
                write(d.resolve("variables.bin"), b);
            }));
        }
        for (String state : List.of("", "{", "[]", "null", "{\"iteration\" : \"x\"}", "{\"iteration\" : -1}",
                "{\"iteration\": 2, \"globalStep\": -9}")) {
            damages.add(new Case("state.json '" + state + "'", "state.json",
                    d -> write(d.resolve("state.json"), state.getBytes(StandardCharsets.UTF_8))));
        }
        for (String config : List.of("ppo { num_envs = ", "network.hidden = [3]", "env.name = Nope-v0",
                "ppo.gamma = high")) {
            damages.add(new Case("config.conf '" + config + "'", "config.conf",
                    d -> write(d.resolve("config.conf"), config.getBytes(StandardCharsets.UTF_8))));
        }
        for (Case c : damages) {
            for (boolean recompute : new boolean[] {false, true}) {
                String name = c.name() + (recompute ? " (manifest recomputed)" : " (manifest stale)");
                Path copy = dir.resolve("damaged-" + counter[0]++);
                cases.add(DynamicTest.dynamicTest(name, () -> {
                    copyDir(checkpoint, copy);
                    c.damage().accept(copy);
                    if (recompute) {
                        recomputeManifest(copy);
                    }
                    assertRefused(name, CliRun.of("eval", copy.toString(), "--episodes", "1"));
                }));
            }
        }
        for (String manifest : List.of("", "{}", "garbage", "{\"algorithm\": \"MD5\", \"files\": {}}",
                "{\"algorithm\": \"SHA-256\", \"files\": {\"config.conf\": \"00\"}}")) {
            Path copy = dir.resolve("damaged-" + counter[0]++);
            cases.add(DynamicTest.dynamicTest("manifest.json '" + manifest + "'", () -> {
                copyDir(checkpoint, copy);
                write(copy.resolve("manifest.json"), manifest.getBytes(StandardCharsets.UTF_8));
                assertRefused(manifest, CliRun.of("eval", copy.toString(), "--episodes", "1"));
            }));
        }
        System.out.println("bad checkpoint files: " + cases.size());
        return cases.stream();
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyDir(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** As an attacker (or a careless script) would: make the manifest agree with the damaged files. */
    private static void recomputeManifest(Path dir) throws Exception {
        StringBuilder json = new StringBuilder("{\"algorithm\": \"SHA-256\", \"files\": {");
        String sep = "";
        for (String f : List.of("config.conf", "state.json", "variables.bin")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(f)));
            json.append(sep).append('"').append(f).append("\": \"").append(HexFormat.of().formatHex(digest)).append('"');
            sep = ", ";
        }
        Files.writeString(dir.resolve("manifest.json"), json.append("}}"));
    }
}
