package dev.ppo.runner.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.env.Conformance;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.runner.error.PpoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a trajectory recorded from Gymnasium ({@code shared/fixtures/gymnasium} format: a header
 * line, a reset line, then one line per step) against a Java env: resets it with the recorded seed,
 * feeds the recorded actions and compares observations, rewards and flags.
 *
 * <p>Image observations recorded only as per-channel means ({@code obs_channel_mean}) are compared
 * by their channel means (HWC order, 3 channels).
 */
public final class FixtureReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode header;
    private final List<JsonNode> lines;

    private FixtureReplay(Path file, JsonNode header, List<JsonNode> lines) {
        this.file = file;
        this.header = header;
        this.lines = lines;
    }

    /** Reads a recording. */
    public static FixtureReplay read(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new PpoException("cannot read fixture " + file + ": " + e.getMessage(), e);
        }
        if (lines.size() < 2 || !"header".equals(lines.get(0).path("type").asText())
                || !"reset".equals(lines.get(1).path("type").asText())) {
            throw new PpoException(file + " is not a recording: it must start with a header line and a reset line");
        }
        return new FixtureReplay(file, lines.get(0), lines.subList(1, lines.size()));
    }

    /** The recorded env id, e.g. {@code LunarLander-v3}. */
    public String envId() {
        return header.path("env_id").asText();
    }

    /** The recorded {@code gymnasium.make} keyword arguments, as {@code env.<key>=<value>} overrides. */
    public List<String> envOverrides() {
        List<String> overrides = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = header.path("kwargs").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            overrides.add("env." + e.getKey() + "=" + e.getValue().toString());
        }
        return overrides;
    }

    public long seed() {
        return header.path("seed").asLong();
    }

    /** What {@link #replay} found. */
    public record Report(String fixture, String envId, long seed, int stepsRecorded, int stepsCompared,
                         int stepsWithinTolerance, double maxObservationError, double maxRewardError,
                         Integer firstFlagMismatch, Conformance tolerances, boolean passed) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new TreeMap<>();
            m.put("fixture", fixture);
            m.put("env_id", envId);
            m.put("seed", seed);
            m.put("steps_recorded", stepsRecorded);
            m.put("steps_compared", stepsCompared);
            m.put("steps_within_tolerance", stepsWithinTolerance);
            m.put("max_observation_error", maxObservationError);
            m.put("max_reward_error", maxRewardError);
            m.put("first_flag_mismatch", firstFlagMismatch);
            m.put("tolerances", Map.of("observation", tolerances.observationTolerance(), "reward",
                    tolerances.rewardTolerance(), "steps", tolerances.steps(), "pixel_mean",
                    tolerances.pixelMeanTolerance()));
            m.put("passed", passed);
            return m;
        }
    }

    /**
     * Replays the recording on {@code env}. The errors are measured over the checked window
     * ({@code tolerances.steps()} leading steps, or all); {@code stepsWithinTolerance} counts the
     * leading steps, over the whole recording, whose observation and reward stay within tolerance.
     * It passes when the whole window is within tolerance and no flag differs in it.
     */
    public Report replay(Env env, Conformance tolerances) {
        int window = tolerances.steps() > 0 ? tolerances.steps() : Integer.MAX_VALUE;
        double maxObs = observationError(lines.get(0), env.reset(seed()), tolerances);
        double maxReward = 0;
        int withinTolerance = 0;
        boolean leading = maxObs <= tolerance(lines.get(0), tolerances);
        Integer firstFlagMismatch = null;
        int compared = 0;
        for (JsonNode step : lines.subList(1, lines.size())) {
            int t = step.path("t").asInt();
            StepResult r = env.step(action(step.path("action")));
            double obsError = observationError(step, r.observation(), tolerances);
            double rewardError = Math.abs(r.reward() - step.path("reward").asDouble());
            boolean flagsMatch = r.terminated() == step.path("terminated").asBoolean()
                    && r.truncated() == step.path("truncated").asBoolean();
            compared++;
            if (t <= window) {
                maxObs = Math.max(maxObs, obsError);
                maxReward = Math.max(maxReward, rewardError);
            }
            if (!flagsMatch && firstFlagMismatch == null) {
                firstFlagMismatch = t;
            }
            leading &= obsError <= tolerance(step, tolerances) && rewardError <= tolerances.rewardTolerance();
            if (leading) {
                withinTolerance++;
            }
            if (r.done()) {
                break;
            }
        }
        int needed = Math.min(window, compared);
        boolean passed = withinTolerance >= needed && (firstFlagMismatch == null || firstFlagMismatch > window)
                && compared == lines.size() - 1;
        return new Report(file.getFileName().toString(), envId(), seed(), lines.size() - 1, compared, withinTolerance,
                maxObs, maxReward, firstFlagMismatch, tolerances, passed);
    }

    private static double tolerance(JsonNode line, Conformance c) {
        return line.has("obs") ? c.observationTolerance() : c.pixelMeanTolerance();
    }

    private static float[] action(JsonNode action) {
        if (action.isArray()) {
            float[] a = new float[action.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) action.get(i).asDouble();
            }
            return a;
        }
        return new float[] {action.asInt()};
    }

    /** Largest element difference, or largest channel-mean difference for summarized pixels. */
    private double observationError(JsonNode line, float[] obs, Conformance c) {
        if (line.has("obs")) {
            JsonNode expected = line.get("obs");
            if (expected.size() != obs.length) {
                throw new PpoException(file + " line t=" + line.path("t").asInt() + ": the recording has "
                        + expected.size() + " observation values, the env gave " + obs.length);
            }
            double max = 0;
            for (int i = 0; i < obs.length; i++) {
                max = Math.max(max, Math.abs(obs[i] - expected.get(i).asDouble()));
            }
            return max;
        }
        JsonNode means = line.get("obs_channel_mean");
        if (means == null) {
            throw new PpoException(file + " line t=" + line.path("t").asInt() + " has neither obs nor obs_channel_mean");
        }
        double[] sums = new double[3];
        for (int i = 0; i < obs.length; i++) {
            sums[i % 3] += obs[i];
        }
        double max = 0;
        for (int ch = 0; ch < 3; ch++) {
            max = Math.max(max, Math.abs(sums[ch] / (obs.length / 3.0) - means.get(ch).asDouble()));
        }
        return max;
    }
}
