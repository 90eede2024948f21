package dev.ppo.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.Trainer;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.io.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppo bench CONF --seeds 1,2 --name cartpole}: trains one run per seed and reports
 * throughput (SPS) and when the moving average of episode returns first reached a threshold,
 * the figures CleanRL's benchmarks quote. Writes {@code <out>/<name>-<date>.json} and prints a
 * one-line summary.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark training speed and time-to-threshold over seeds.")
final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(paramLabel = "CONF", description = "preset file")
    Path preset;

    @Mixin
    OverrideOptions set;

    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "seeds to run (default 1)")
    List<Long> seeds;

    @Option(names = "--threshold", defaultValue = "475", description = "return the moving average must reach")
    double threshold;

    @Option(names = "--window", defaultValue = "20", description = "episodes in the moving average")
    int window;

    @Option(names = "--name", required = true, description = "benchmark name, used in the file name")
    String name;

    @Option(names = "--out", defaultValue = "bench/results", description = "directory of result files")
    Path out;

    @Option(names = "--work", defaultValue = "bench/work", description = "directory of the runs")
    Path work;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        String backend = "tensorflow";
        for (long seed : seeds) {
            List<String> all = new ArrayList<>(set.overrides);
            all.add("seed=" + seed);
            all.add("run.checkpoint_every=1000000");
            Config config = ConfigLoader.load(preset, all);
            backend = config.getString("backend.name");
            Path runDir = work.resolve(name + "-seed" + seed);
            DurableFiles.deleteRecursively(runDir);
            long start = System.nanoTime();
            try (Trainer trainer = Ppo.trainer(config, common.pluginDirs).runDirectory(runDir)) {
                trainer.learn();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Map<String, Object> run = measure(runDir);
            run.put("seed", seed);
            run.put("wall_seconds_including_startup", round(wall));
            runs.add(run);
            System.err.println("seed " + seed + ": " + run);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        result.put("date", LocalDate.now().toString());
        result.put("preset", preset.toString());
        result.put("backend", backend);
        result.put("overrides", set.overrides);
        result.put("threshold", threshold);
        result.put("window", window);
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        result.put("sps", round(mean(runs, "sps")));
        result.put("steps_to_" + fmt(threshold), mean(runs, "steps_to_threshold"));
        result.put("seconds_to_" + fmt(threshold), round(mean(runs, "seconds_to_threshold")));
        result.put("train_seconds", round(mean(runs, "train_seconds")));
        result.put("runs", runs);
        Files.createDirectories(out);
        // the default backend keeps the plain name; another one is part of it, so both can be kept side by side
        String label = backend.equals("tensorflow") ? name : name + "-" + backend;
        Path file = out.resolve(label + "-" + LocalDate.now() + ".json");
        JSON.writeValue(file.toFile(), result);
        System.out.printf("%s: %.0f SPS, moving average of %d episodes first >= %s at %s steps / %s s "
                        + "(mean of %d seeds), %s s per run -> %s%n", label, (double) result.get("sps"), window,
                fmt(threshold), result.get("steps_to_" + fmt(threshold)), result.get("seconds_to_" + fmt(threshold)),
                runs.size(), result.get("train_seconds"), file);
        return 0;
    }

    /** SPS and the first step (and training time) at which the moving average reached the threshold. */
    private Map<String, Object> measure(Path runDir) throws Exception {
        List<JsonNode> scalars = readJsonl(runDir.resolve("scalars.jsonl"));
        JsonNode last = scalars.get(scalars.size() - 1);
        double seconds = last.get("time_s").asDouble();
        long steps = last.get("global_step").asLong();
        Deque<Double> recent = new ArrayDeque<>();
        double sum = 0;
        Long stepsTo = null;
        Double secondsTo = null;
        for (JsonNode e : readJsonl(runDir.resolve("episodes.jsonl"))) {
            recent.addLast(e.get("return").asDouble());
            sum += recent.peekLast();
            if (recent.size() > window) {
                sum -= recent.removeFirst();
            }
            if (recent.size() == window && sum / window >= threshold) {
                stepsTo = e.get("global_step").asLong();
                secondsTo = e.get("time_s").asDouble();
                break;
            }
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("steps", steps);
        run.put("train_seconds", round(seconds));
        run.put("sps", round(steps / seconds));
        // where the training time went (see IterationReport.Timing)
        Map<String, Object> breakdown = new LinkedHashMap<>();
        for (String part : List.of("act", "env", "update")) {
            double partSeconds = scalars.stream().mapToDouble(r -> r.path("time_" + part + "_s").asDouble(0)).sum();
            breakdown.put(part + "_seconds", round(partSeconds));
        }
        double known = breakdown.values().stream().mapToDouble(v -> (Double) v).sum();
        breakdown.put("other_seconds", round(seconds - known));
        run.put("breakdown", breakdown);
        run.put("steps_to_threshold", stepsTo);
        run.put("seconds_to_threshold", secondsTo);
        return run;
    }

    private static List<JsonNode> readJsonl(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    /** Mean of a numeric field over the runs that have it; null if none has. */
    private static Double mean(List<Map<String, Object>> runs, String key) {
        List<Double> values = runs.stream().map(r -> r.get(key)).filter(v -> v instanceof Number)
                .map(v -> ((Number) v).doubleValue()).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
