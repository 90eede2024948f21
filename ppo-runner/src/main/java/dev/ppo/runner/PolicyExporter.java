package dev.ppo.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.PolicyExport;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.runner.algo.ActionDistribution;
import dev.ppo.runner.algo.ClippedGaussianMean;
import dev.ppo.runner.algo.Normalization;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a trained policy in a format another runtime loads (a TensorFlow SavedModel), plus
 * {@code ppo-export.json}: what the model takes and returns, the env and wrappers it was trained
 * behind, and the action bounds. The directory appears whole or not at all: everything is written
 * into a sibling temporary directory that is renamed into place.
 */
final class PolicyExporter {

    /** The description written next to the exported model. */
    static final String DESCRIPTION_FILE = "ppo-export.json";

    private PolicyExporter() {
    }

    static void export(Backend backend, ModelSpec spec, ActionDistribution acting, Normalization normalization,
                       Config config, String format, Path dir) {
        if (backend.recurrentStateSize() > 0) {
            throw new PpoException("cannot export a recurrent policy (network.lstm_hidden = "
                    + backend.recurrentStateSize() / 2 + ") yet: an exported policy has no state input;"
                    + " run it with bin/ppo eval or play, or Policy.act in Java");
        }
        if (acting instanceof ClippedGaussianMean) {
            throw new PpoException("cannot export a policy whose eval.deterministic_action = clipped_mean (its"
                    + " config.conf): the exported model computes the Gaussian's mean only; act with bin/ppo eval or"
                    + " play, or Policy.act in Java, or export a copy whose config.conf says mean");
        }
        if (!backend.exportFormats().contains(format)) {
            throw new PpoException("cannot export as '" + format + "': the " + config.getString("backend.name")
                    + " backend writes " + (backend.exportFormats().isEmpty() ? "no export format"
                    : String.join(", ", backend.exportFormats())));
        }
        Path target = dir.toAbsolutePath().normalize();
        DurableFiles.requireNewOrEmpty(target, "export directory");
        try {
            DurableFiles.createDirectory(target, "export", temp -> {
                PolicyExport export = normalization.export(format);
                backend.exportPolicy(export, temp);
                Files.writeString(temp.resolve(DESCRIPTION_FILE), describe(spec, export, config));
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof PpoException p) {
                throw p;
            }
            throw new PpoException("cannot export the policy to " + target + ": " + e.getMessage(), e);
        }
    }

    private static String describe(ModelSpec spec, PolicyExport export, Config config) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", export.format());
        d.put("tag", "serve");
        d.put("signature", "serving_default");
        d.put("env", config.getString("env.name"));
        d.put("wrappers", config.hasPath("env.wrappers")
                ? new ObjectMapper().readTree(config.getList("env.wrappers").render(ConfigRenderOptions.concise()))
                : List.of());
        d.put("input", Map.of("name", "observations", "dtype", "float32", "shape", List.of(-1, spec.observationSize()),
                "observation_shape", spec.observationShape(), "note", "raw observations after the wrappers above;"
                        + " the model applies the observation normalization itself"));
        d.put("normalizes_observations", export.normalizes());
        Map<String, Object> outputs = new LinkedHashMap<>();
        Map<String, Object> action = new LinkedHashMap<>();
        if (spec.actionSpace() instanceof Discrete discrete) {
            outputs.put("actions", Map.of("dtype", "int64", "shape", List.of(-1), "meaning", "argmax of the logits"));
            outputs.put("distribution", Map.of("dtype", "float32", "shape", List.of(-1, discrete.n()),
                    "meaning", "logits"));
            action.put("type", "Discrete");
            action.put("n", discrete.n());
        } else {
            Box box = (Box) spec.actionSpace();
            int d2 = box.flatSize();
            outputs.put("actions", Map.of("dtype", "float32", "shape", List.of(-1, d2),
                    "meaning", "Gaussian mean, unclipped: clip to [low, high] before stepping the env"));
            outputs.put("distribution", Map.of("dtype", "float32", "shape", List.of(-1, 2 * d2),
                    "meaning", "means, then log standard deviations"));
            action.put("type", "Box");
            action.put("low", box.low());
            action.put("high", box.high());
        }
        outputs.put("value", Map.of("dtype", "float32", "shape", List.of(-1), "meaning", "V(s)"));
        d.put("outputs", outputs);
        d.put("action_space", action);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(d) + "\n";
    }
}
