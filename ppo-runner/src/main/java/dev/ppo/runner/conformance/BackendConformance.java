package dev.ppo.runner.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.runner.algo.PpoAlgorithm;
import dev.ppo.runner.algo.RolloutBuffer;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Proves that a backend's train step computes what CleanRL's computes: loads a reference recorded
 * from CleanRL's own networks and update loop ({@code shared/fixtures/cleanrl} format), maps its
 * settings onto ours, puts its parameters into the selected backend, prepares each minibatch the
 * way training does ({@link RolloutBuffer#fillMinibatch}, with its advantage normalization) and runs
 * the backend's train step on it, comparing every logged loss term, the gradient norm and the
 * parameters after each Adam step. A GAE fixture checks {@link RolloutBuffer#computeAdvantages}.
 */
public final class BackendConformance {

    /** Loss terms, approx-KL and the gradient norm: relative error, against max(|reference|, floor). */
    public static final double TERM_TOLERANCE = 1e-5;
    /**
     * Below this magnitude a term is compared absolutely, to TERM_TOLERANCE·TERM_FLOOR = 1e-7: the
     * policy loss is a mean of 64 products of order 1 whose normalized advantages sum to zero, so
     * its float32 rounding (~1e-7) does not shrink with its value.
     */
    public static final double TERM_FLOOR = 1e-2;
    /** Parameters after each step: absolute. */
    public static final double PARAMETER_TOLERANCE = 1e-6;
    /**
     * GAE advantages and returns, relative to max(1, |reference|). Ours are computed in double;
     * CleanRL's float32 recursion over 128 steps is itself up to 2.2e-6 (1.6e-6 relative) away from
     * the exact values on the shared fixtures (checked against a float64 evaluation in numpy).
     */
    public static final double GAE_TOLERANCE = 5e-6;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BackendConformance() {
    }

    /**
     * Checks {@code fixture} (a train-steps or a GAE file, gzipped when its name ends in .gz) with the backend named {@code backendName}.
     *
     * @return the report: {@code pass}, the largest errors, the settings mapping, per-step figures
     */
    public static Map<String, Object> check(Path fixture, String backendName, List<Path> pluginDirs) {
        JsonNode root;
        try (InputStream raw = Files.newInputStream(fixture);
             InputStream in = fixture.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new PpoException("cannot read fixture " + fixture + ": " + e.getMessage(), e);
        }
        String type = root.path("type").asText();
        if (type.equals("ppo-train-steps")) {
            return trainSteps(fixture, root, backendName, pluginDirs);
        }
        if (root.has("rewards") && root.has("values") && root.has("terminated_after_step")) {
            return gae(fixture, root);
        }
        throw new PpoException(fixture + " is neither a CleanRL train-steps fixture (type = \"ppo-train-steps\") nor"
                + " a GAE fixture (rewards, values, terminated_after_step)");
    }

    private static Map<String, Object> trainSteps(Path fixture, JsonNode root, String backendName,
                                                  List<Path> pluginDirs) {
        JsonNode net = root.path("network");
        JsonNode hp = root.path("hyperparameters");
        JsonNode batch = root.path("batch");
        boolean discrete = net.path("action").path("type").asText().equals("discrete");
        int obsSize = net.path("obs_size").asInt();
        Space actionSpace = discrete ? new Discrete(net.path("action").path("n").asInt())
                : Box.of(-1f, 1f, net.path("action").path("size").asInt(
                        net.path("action").path("shape").path(0).asInt()));
        double clip = hp.path("clip_coef").asDouble();
        boolean clipValue = hp.path("clip_vloss").asBoolean();
        boolean normalizeAdvantages = hp.path("norm_adv").asBoolean();
        List<String> hidden = new ArrayList<>();
        net.path("hidden").forEach(h -> hidden.add(h.asText()));

        // Our settings for CleanRL's, and where their meanings meet.
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("objective.clip_epsilon", clip + " (clip_coef)");
        mapping.put("ppo.value_clip", (clipValue ? clip : 0) + " (CleanRL clips V with clip_coef when clip_vloss)");
        mapping.put("ppo.value_coef", hp.path("vf_coef").asDouble() + " (vf_coef; both halve the squared error)");
        mapping.put("ppo.entropy_coef", String.valueOf(hp.path("ent_coef").asDouble()));
        mapping.put("ppo.max_grad_norm", String.valueOf(hp.path("max_grad_norm").asDouble()));
        mapping.put("ppo.learning_rate", String.valueOf(hp.path("learning_rate").asDouble()));
        mapping.put("ppo.adam_epsilon", hp.path("adam_eps").asDouble() + " (added to the bias-corrected √v, as torch)");
        mapping.put("ppo.normalize_advantages", normalizeAdvantages
                + " (per minibatch, unbiased std + 1e-8, as CleanRL)");
        mapping.put("network", "mlp, hidden " + hidden + ", " + net.path("activation").asText() + ", separate actor"
                + " and critic; torch weights [out][in] transposed to our [in][out]");

        Config config = ConfigLoader.loadString("backend.name = \"" + backendName + "\"\n"
                + "objective { name = clip, clip_epsilon = " + clip + " }\n"
                + "network { name = mlp, hidden = " + hidden + ", critic_hidden = " + hidden + ", activation = "
                + net.path("activation").asText() + ", shared = false }", List.of());
        PluginRegistry registry = PluginRegistry.load(pluginDirs);
        PluginRegistry.Selected<ObjectiveProvider> objectiveProvider = registry.select(PluginType.OBJECTIVE, config);
        Objective objective = objectiveProvider.plugin().create(objectiveProvider.settings());
        PluginRegistry.Selected<NetworkProvider> networkProvider = registry.select(PluginType.NETWORK, config);
        NetworkSpec network = networkProvider.plugin().create(networkProvider.settings());
        Map<String, float[]> torchParams = parameters(root.path("params_before"));
        float[] logStd = torchParams.get("actor_logstd");
        ModelSpec spec = new ModelSpec(obsSize, actionSpace, network, objective, hp.path("vf_coef").asDouble(),
                hp.path("ent_coef").asDouble(), clipValue ? clip : 0, hp.path("max_grad_norm").asDouble(),
                hp.path("adam_eps").asDouble(), logStd == null ? 0 : logStd[0], true, 0);
        PluginRegistry.Selected<BackendProvider> backendProvider = registry.select(PluginType.BACKEND, config);

        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, Double> worstTerm = new LinkedHashMap<>();
        double worstParameter = 0;
        try (Backend backend = backendProvider.plugin().create(backendProvider.settings(), spec)) {
            backend.importVariables(ourVariables(backend.exportVariables(), torchParams, discrete, root));
            RolloutBuffer buffer = buffer(batch, obsSize, discrete ? 1 : actionSpace.flatSize(), backend);
            double lr = hp.path("learning_rate").asDouble();
            TrainInputs inputs = PpoAlgorithm.trainInputs(objective, lr, lr);
            for (JsonNode step : root.path("steps")) {
                int[] indices = JSON.convertValue(step.path("indices"), int[].class);
                Minibatch minibatch = buffer.newMinibatch(indices.length);
                buffer.fillMinibatch(indices, 0, minibatch, normalizeAdvantages);
                TrainStats stats = backend.train(minibatch, inputs);
                Map<String, Object> row = new LinkedHashMap<>();
                // CleanRL minimizes pg_loss = −L^CLIP; we report the maximized L^policy.
                compare(row, worstTerm, "pg_loss", -stats.policyObjective(), step.path("pg_loss").asDouble());
                compare(row, worstTerm, "v_loss", stats.valueLoss(), step.path("v_loss").asDouble());
                compare(row, worstTerm, "entropy", stats.entropy(), step.path("entropy").asDouble());
                compare(row, worstTerm, "loss", stats.loss(), step.path("loss").asDouble());
                compare(row, worstTerm, "approx_kl", stats.approxKl(), step.path("approx_kl").asDouble());
                compare(row, worstTerm, "old_approx_kl", stats.get(PpoLoss.Term.OLD_APPROX_KL),
                        step.path("old_approx_kl").asDouble());
                compare(row, worstTerm, "clipfrac", stats.clipFraction(), step.path("clipfrac").asDouble());
                compare(row, worstTerm, "grad_norm_before_clip", stats.gradNorm(),
                        step.path("grad_norm_before_clip").asDouble());
                double parameterError = parameterError(backend.exportVariables(), parameters(step.path("params_after")),
                        discrete);
                row.put("params_after_max_abs_error", parameterError);
                worstParameter = Math.max(worstParameter, parameterError);
                steps.add(row);
            }
        } catch (IllegalArgumentException e) {
            throw new PpoException(fixture + ": its parameters do not fit the " + backendName + " backend's model: "
                    + e.getMessage(), e);
        }
        boolean pass = worstParameter <= PARAMETER_TOLERANCE
                && worstTerm.values().stream().allMatch(v -> v <= TERM_TOLERANCE);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("fixture", fixture.toString());
        report.put("kind", "train-steps");
        report.put("case", root.path("case").asText());
        report.put("backend", backendName);
        report.put("pass", pass);
        report.put("max_term_error", worstTerm);
        report.put("max_params_abs_error", worstParameter);
        report.put("tolerance", Map.of("terms_relative", TERM_TOLERANCE, "terms_floor", TERM_FLOOR,
                "params_abs", PARAMETER_TOLERANCE));
        report.put("mapping", mapping);
        report.put("not_compared", List.of("exact KL (the fixture has no old distribution parameters)"));
        report.put("steps", steps);
        return report;
    }

    /** Error of one term: relative to max(|reference|, floor). */
    private static void compare(Map<String, Object> row, Map<String, Double> worst, String name, double ours,
                                double reference) {
        double error = Math.abs(ours - reference) / Math.max(Math.abs(reference), TERM_FLOOR);
        row.put(name, Map.of("ours", ours, "cleanrl", reference, "abs_error", Math.abs(ours - reference),
                "error", error));
        worst.merge(name, error, Math::max);
    }

    /** The fixture's batch in a rollout buffer of one env, its rows in batch order. */
    private static RolloutBuffer buffer(JsonNode batch, int obsSize, int actionSize, Backend backend) {
        int n = batch.path("obs").size();
        int width = backend.distributionWidth();
        RolloutBuffer buffer = new RolloutBuffer(n, 1, obsSize, actionSize, width);
        float[] observations = floats(batch.path("obs"));
        // The old policy's parameters are not in the fixture; the current ones stand in (they feed
        // only the exact-KL diagnostic, which is not compared).
        float[] distributions = new float[n * width];
        backend.forward(observations, n, distributions, new float[n]);
        for (int t = 0; t < n; t++) {
            JsonNode a = batch.path("actions").get(t);
            float[] action = a.isArray() ? floats(a) : new float[] {(float) a.asDouble()};
            buffer.storeStep(t, Arrays.copyOfRange(observations, t * obsSize, (t + 1) * obsSize), action,
                    new float[] {(float) batch.path("logprobs_old").get(t).asDouble()},
                    Arrays.copyOfRange(distributions, t * width, (t + 1) * width),
                    new float[] {(float) batch.path("values_old").get(t).asDouble()});
            buffer.storeAdvantage(t, (float) batch.path("advantages").get(t).asDouble(),
                    (float) batch.path("returns").get(t).asDouble());
        }
        return buffer;
    }

    /**
     * The backend's variables with the fixture's parameters in place of the initial weights, and a
     * fresh optimizer (zero moments, step 0), as CleanRL's Adam starts.
     */
    private static List<VariableState> ourVariables(List<VariableState> template, Map<String, float[]> torch,
                                                    boolean discrete, JsonNode root) {
        List<VariableState> out = new ArrayList<>();
        for (VariableState v : template) {
            String torchName = torchName(v.name(), discrete);
            float[] values;
            if (torchName == null) {
                values = new float[v.values().length]; // Adam's moments and step counter
            } else {
                float[] source = torch.get(torchName);
                if (source == null) {
                    throw new PpoException("fixture " + root.path("case").asText() + " has no parameter " + torchName
                            + " for our " + v.name());
                }
                values = v.shape().length == 2 ? transpose(source, (int) v.shape()[1], (int) v.shape()[0]) : source;
                if (values.length != v.values().length) {
                    throw new PpoException("parameter " + torchName + " has " + values.length + " values; our "
                            + v.name() + " " + Arrays.toString(v.shape()) + " needs " + v.values().length);
                }
            }
            out.add(new VariableState(v.name(), v.shape(), values));
        }
        return out;
    }

    /**
     * CleanRL's name of one of our variables ({@code actor/l1/w} → {@code actor.2.weight}), or null
     * for optimizer state. Hidden layer i is torch index 2i (tanh layers sit between), the head the
     * last index; a continuous actor is {@code actor_mean}.
     */
    static String torchName(String ours, boolean discrete) {
        if (ours.contains("adam")) {
            return null;
        }
        if (ours.equals("actor/log_std")) {
            return "actor_logstd";
        }
        String[] parts = ours.split("/");
        String network = parts[0].equals("actor") && !discrete ? "actor_mean" : parts[0];
        int index = parts[1].equals("head") ? 4 : 2 * Integer.parseInt(parts[1].substring(1));
        return network + "." + index + "." + (parts[2].equals("w") ? "weight" : "bias");
    }

    private static double parameterError(List<VariableState> ours, Map<String, float[]> torch, boolean discrete) {
        double worst = 0;
        for (VariableState v : ours) {
            String torchName = torchName(v.name(), discrete);
            if (torchName == null) {
                continue;
            }
            float[] reference = torch.get(torchName);
            float[] expected = v.shape().length == 2 ? transpose(reference, (int) v.shape()[1], (int) v.shape()[0])
                    : reference;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(v.values()[i] - expected[i]));
            }
        }
        return worst;
    }

    /** A torch {@code [rows][columns]} matrix, flattened, as our row-major {@code [columns][rows]}. */
    private static float[] transpose(float[] torch, int rows, int columns) {
        float[] out = new float[torch.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[c * rows + r] = torch[r * columns + c];
            }
        }
        return out;
    }

    private static Map<String, float[]> parameters(JsonNode params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> out.put(e.getKey(), floats(e.getValue())));
        return out;
    }

    /** A JSON number, or (nested) array of numbers, flattened row-major. */
    private static float[] floats(JsonNode node) {
        List<Float> values = new ArrayList<>();
        flatten(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void flatten(JsonNode node, List<Float> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add((float) node.asDouble());
        }
    }

    /** CleanRL's GAE loop on random data against {@link RolloutBuffer#computeAdvantages}. */
    private static Map<String, Object> gae(Path fixture, JsonNode root) {
        JsonNode rewards = root.path("rewards");
        JsonNode values = root.path("values");
        JsonNode terminated = root.path("terminated_after_step");
        int numSteps = rewards.size();
        int numEnvs = rewards.get(0).size();
        double gamma = root.path("gamma").asDouble(0.99);
        double lambda = root.path("gae_lambda").asDouble(root.path("lambda").asDouble(0.95));
        RolloutBuffer buffer = new RolloutBuffer(numSteps, numEnvs, 1, 1, 1);
        for (int t = 0; t < numSteps; t++) {
            float[] v = floats(values.get(t));
            buffer.storeStep(t, new float[numEnvs], new float[numEnvs], new float[numEnvs], new float[numEnvs], v);
            for (int i = 0; i < numEnvs; i++) {
                buffer.storeOutcome(t, i, rewards.get(t).get(i).asDouble(), terminated.get(t).get(i).asBoolean());
            }
        }
        buffer.computeAdvantages(floats(root.path("last_values")), gamma, lambda);
        double advantageError = 0;
        double returnError = 0;
        for (int t = 0; t < numSteps; t++) {
            for (int i = 0; i < numEnvs; i++) {
                int row = t * numEnvs + i;
                advantageError = Math.max(advantageError, gaeError(buffer.advantage(row),
                        root.path("advantages").get(t).get(i).asDouble()));
                returnError = Math.max(returnError, gaeError(buffer.returnAt(row),
                        root.path("returns").get(t).get(i).asDouble()));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("fixture", fixture.toString());
        report.put("kind", "gae");
        report.put("pass", advantageError <= GAE_TOLERANCE && returnError <= GAE_TOLERANCE);
        report.put("steps", numSteps);
        report.put("envs", numEnvs);
        report.put("gamma", gamma);
        report.put("gae_lambda", lambda);
        report.put("max_advantage_error", advantageError);
        report.put("max_return_error", returnError);
        report.put("tolerance", Map.of("relative_to_max_1_and_reference", GAE_TOLERANCE));
        return report;
    }

    private static double gaeError(double ours, double reference) {
        return Math.abs(ours - reference) / Math.max(1, Math.abs(reference));
    }

    /** One line for a terminal. */
    @SuppressWarnings("unchecked")
    public static String summary(Map<String, Object> report) {
        String verdict = Boolean.TRUE.equals(report.get("pass")) ? "PASS" : "FAIL";
        if ("gae".equals(report.get("kind"))) {
            return String.format(Locale.ROOT, "%s %s: GAE %dx%d, max advantage error %.2e, max return error %.2e"
                            + " (relative to max(1, |CleanRL|))", verdict, report.get("fixture"),
                    (int) report.get("steps"), (int) report.get("envs"), (double) report.get("max_advantage_error"),
                    (double) report.get("max_return_error"));
        }
        StringBuilder terms = new StringBuilder();
        ((Map<String, Double>) report.get("max_term_error")).forEach((k, v) ->
                terms.append(String.format(Locale.ROOT, " %s %.1e", k, v)));
        return String.format(Locale.ROOT, "%s %s (%s, %s backend): max term error%s; max |params error| %.2e",
                verdict, report.get("fixture"), report.get("case"), report.get("backend"), terms,
                (double) report.get("max_params_abs_error"));
    }
}
