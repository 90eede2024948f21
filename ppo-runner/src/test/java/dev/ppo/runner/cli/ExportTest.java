package dev.ppo.runner.cli;

import static dev.ppo.runner.cli.CliRun.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.runner.Policy;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** {@code ppo export}: the SavedModel, loaded back with TensorFlow Java, acts as {@link Policy#act} does. */
class ExportTest {

    @TempDir
    Path tmp;

    /** Observations the policy meets: its own greedy episodes, with a random action now and then. */
    private static List<float[]> observations(Policy policy, int count) {
        List<float[]> out = new ArrayList<>();
        Random random = new Random(7);
        try (Env env = policy.newEnv()) {
            float[] obs = env.reset(100);
            for (int episode = 1; out.size() < count; ) {
                out.add(obs);
                float[] action = policy.act(obs);
                if (env.actionSpace() instanceof Box box) {
                    for (int i = 0; i < action.length; i++) {
                        action[i] = Math.max(box.low(i), Math.min(box.high(i), random.nextFloat() < 0.2f
                                ? box.low(i) + random.nextFloat() * (box.high(i) - box.low(i)) : action[i]));
                    }
                } else if (random.nextFloat() < 0.2f) {
                    action[0] = random.nextInt(((dev.ppo.api.space.Discrete) env.actionSpace()).n());
                }
                StepResult step = env.step(action);
                obs = step.done() ? env.reset(100 + episode++) : step.observation();
            }
        }
        return out;
    }

    /** Runs the exported policy on {@code rows}: {actions as floats per row, values}. */
    private static float[][][] runSavedModel(Path dir, List<float[]> rows, boolean discrete) {
        int n = rows.size();
        int dim = rows.get(0).length;
        float[] flat = new float[n * dim];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows.get(r), 0, flat, r * dim, dim);
        }
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
             TFloat32 input = TFloat32.tensorOf(Shape.of(n, dim), DataBuffers.of(flat, true, false));
             Result result = bundle.function("serving_default").call(Map.of("observations", input))) {
            float[][] actions = new float[n][];
            float[][] values = new float[n][1];
            TFloat32 value = (TFloat32) result.get("value").orElseThrow();
            for (int r = 0; r < n; r++) {
                values[r][0] = value.getFloat(r);
                if (discrete) {
                    actions[r] = new float[] {((TInt64) result.get("actions").orElseThrow()).getLong(r)};
                } else {
                    TFloat32 a = (TFloat32) result.get("actions").orElseThrow();
                    int d = (int) a.shape().get(1);
                    actions[r] = new float[d];
                    for (int i = 0; i < d; i++) {
                        actions[r][i] = a.getFloat(r, i);
                    }
                }
            }
            return new float[][][] {actions, values};
        }
    }

    private void assertActsLikePolicy(Path model, boolean discrete) throws Exception {
        Path out = tmp.resolve(model.getFileName() + "-saved");
        CliRun r = CliRun.of("export", model.toString(), "--format", "saved-model", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(out.resolve("saved_model.pb")).isRegularFile();
        JsonNode description = new ObjectMapper().readTree(out.resolve("ppo-export.json").toFile());
        assertThat(description.path("signature").asText()).isEqualTo("serving_default");
        try (Policy policy = Ppo.loadPolicy(model)) {
            List<float[]> rows = observations(policy, 300);
            float[][][] exported = runSavedModel(out, rows, discrete);
            for (int i = 0; i < rows.size(); i++) {
                float[] expected = policy.act(rows.get(i));
                if (discrete) {
                    assertThat(exported[0][i]).as("action for observation %d", i).containsExactly(expected);
                } else {
                    for (int k = 0; k < expected.length; k++) {
                        assertThat(exported[0][i][k]).as("action %d of observation %d", k, i)
                                .isCloseTo(expected[k], org.assertj.core.api.Assertions.within(2e-5f));
                    }
                }
                assertThat((double) exported[1][i][0]).as("value of observation %d", i)
                        .isCloseTo(policy.value(rows.get(i)), org.assertj.core.api.Assertions.within(
                                1e-4 * Math.max(1, Math.abs(policy.value(rows.get(i))))));
            }
        }
    }

    @Test
    void gaussianPolicyWithObservationNormalizationActsTheSame() throws Exception {
        assertActsLikePolicy(Path.of("../models/bipedalwalker"), false);
    }

    @Test
    void betaPolicyActsTheSame() throws Exception {
        Path model = tmp.resolve("pendulum-beta");
        try (Trainer t = Ppo.trainer("env.name = Pendulum-v1", "ppo.box_distribution = beta", "run.progress = false",
                "ppo.num_envs = 2", "ppo.num_steps = 64", "ppo.minibatch_size = 64", "ppo.total_timesteps = 256")) {
            t.learn();
            t.policy().save(model);
        }
        assertActsLikePolicy(model, false);
    }

    @Test
    void categoricalPolicyActsTheSame() throws Exception {
        assertActsLikePolicy(Path.of("../models/lunarlander"), true);
    }

    @Test
    void exportsARunDirectoryAndRefusesWhatItCannotWrite() throws Exception {
        Path run = tmp.resolve("run");
        assertThat(CliRun.of(tiny(256, "--run-dir", run.toString())).status()).isZero();
        Path out = tmp.resolve("cartpole-saved");
        Files.createDirectory(out); // an empty directory is fine
        assertThat(CliRun.of("export", run.toString(), "--out", out.toString()).status()).isZero();
        assertThat(out.resolve("saved_model.pb")).isRegularFile();
        byte[] before = Files.readAllBytes(out.resolve("saved_model.pb"));

        CliRun again = CliRun.of("export", run.toString(), "--out", out.toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.errorLines()).singleElement().asString().contains("is not empty");
        assertThat(Files.readAllBytes(out.resolve("saved_model.pb"))).isEqualTo(before);

        CliRun onnx = CliRun.of("export", run.toString(), "--format", "onnx", "--out", tmp.resolve("x").toString());
        assertThat(onnx.status()).isEqualTo(2);
        assertThat(onnx.errorLines()).singleElement().asString().contains("'onnx'").contains("saved-model");
        assertThat(tmp.resolve("x")).doesNotExist();

        Path file = Files.writeString(tmp.resolve("file"), "keep");
        CliRun onFile = CliRun.of("export", run.toString(), "--out", file.toString());
        assertThat(onFile.status()).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("keep");

        CliRun missing = CliRun.of("export", tmp.resolve("nope").toString(), "--out", tmp.resolve("y").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(tmp.resolve("y")).doesNotExist();
        try (var leftovers = Files.list(tmp)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("export-tmp"));
        }
    }
}
