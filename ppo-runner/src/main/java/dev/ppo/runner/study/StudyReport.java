package dev.ppo.runner.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ppo.runner.error.PpoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a finished study into the paper's kind of table and learning curves:
 * <ul>
 *   <li>a run's score is the mean return of its last {@code last_episodes} episodes;</li>
 *   <li>per env, a row's score is the mean over seeds, normalized so that the random policy is 0
 *       and the best row is 1 (the PPO paper's Table 1 convention); a row's normalized score is the
 *       mean over envs;</li>
 *   <li>learning curves: the mean return of the episodes ending in each of {@value #POINTS} equal
 *       step intervals, averaged over seeds (± std), one PNG per env with a panel per objective
 *       family ({@link StudyCharts}).</li>
 * </ul>
 * Writes {@code table.md}, {@code table.json}, {@code scores.csv}, {@code curves.csv} and
 * {@code curves-<env>.png} into the study's output directory.
 */
public final class StudyReport {

    static final int POINTS = 40;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final StudySpec spec;
    private final StudyRunner runner;
    private final Path out;

    public StudyReport(StudySpec spec, StudyRunner runner, Path out) {
        this.spec = spec;
        this.runner = runner;
        this.out = out;
    }

    /** One run's episodes: (global step, return) pairs in order. */
    private List<double[]> episodes(Path runDir) {
        List<double[]> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(runDir.resolve("episodes.jsonl"))) {
                JsonNode e = JSON.readTree(line);
                rows.add(new double[] {e.get("global_step").asDouble(), e.get("return").asDouble()});
            }
        } catch (IOException e) {
            throw new PpoException("cannot read the episodes of " + runDir + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private double lastMean(List<double[]> episodes) {
        int from = Math.max(0, episodes.size() - spec.lastEpisodes());
        return episodes.subList(from, episodes.size()).stream().mapToDouble(e -> e[1]).average().orElse(Double.NaN);
    }

    /** The curve of one run: mean return of the episodes ending in each interval (carried forward when none did). */
    private static double[] curve(List<double[]> episodes, double totalSteps) {
        double[] y = new double[POINTS];
        double previous = Double.NaN;
        int k = 0;
        for (int p = 0; p < POINTS; p++) {
            double end = totalSteps * (p + 1) / POINTS;
            double sum = 0;
            int count = 0;
            while (k < episodes.size() && episodes.get(k)[0] <= end) {
                sum += episodes.get(k)[1];
                count++;
                k++;
            }
            previous = count > 0 ? sum / count : previous;
            y[p] = previous;
        }
        return y;
    }

    public void write(Map<String, Double> randomScores) {
        Map<String, Map<String, double[]>> perEnvRowSeeds = new LinkedHashMap<>(); // env -> row -> score per seed
        List<String> scoreLines = new ArrayList<>(List.of("env,row,seed,score,episodes,steps"));
        List<String> curveLines = new ArrayList<>(List.of("env,row,seed,step,return"));
        for (StudySpec.EnvEntry env : spec.envs()) {
            Map<String, double[]> rows = new LinkedHashMap<>();
            List<StudyCharts.Curve> charted = new ArrayList<>();
            double envSteps = 0;
            for (StudySpec.Row row : spec.rows()) {
                double[] scores = new double[spec.seeds().size()];
                double[][] curves = new double[spec.seeds().size()][];
                double total = 0;
                for (int s = 0; s < scores.length; s++) {
                    long seed = spec.seeds().get(s);
                    Path dir = runner.runDir(env, row, seed);
                    List<double[]> episodes = episodes(dir);
                    total = spec.runConfig(env, row, seed).getLong("ppo.total_timesteps");
                    scores[s] = lastMean(episodes);
                    curves[s] = curve(episodes, total);
                    double lastStep = episodes.isEmpty() ? 0 : episodes.get(episodes.size() - 1)[0];
                    scoreLines.add(csv(env.id(), row.name(), seed, scores[s], episodes.size(), (long) lastStep));
                    for (int p = 0; p < POINTS; p++) {
                        curveLines.add(csv(env.id(), row.name(), seed, (long) (total * (p + 1) / POINTS), curves[s][p]));
                    }
                }
                rows.put(row.name(), scores);
                double[] steps = new double[POINTS];
                for (int p = 0; p < POINTS; p++) {
                    steps[p] = total * (p + 1) / POINTS;
                }
                curve(row, steps, curves).ifPresent(charted::add);
                envSteps = Math.max(envSteps, total);
            }
            perEnvRowSeeds.put(env.id(), rows);
            StudyCharts.write(env.id() + " — " + spec.name(), charted, envSteps, chartFile(out, env.id()));
        }
        Map<String, Object> table = table(perEnvRowSeeds, randomScores);
        try {
            Files.write(out.resolve("scores.csv"), scoreLines);
            Files.write(out.resolve("curves.csv"), curveLines);
            JSON.writeValue(out.resolve("table.json").toFile(), table);
            Files.writeString(out.resolve("table.md"), markdown(table));
        } catch (IOException e) {
            throw new PpoException("cannot write the study results to " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Mean ± std over seeds of one row's curves ({@code curves[seed][point]} at {@code steps}), from
     * the first point at which every seed has finished an episode; empty when none has.
     */
    private static java.util.Optional<StudyCharts.Curve> curve(StudySpec.Row row, double[] steps, double[][] curves) {
        List<double[]> points = new ArrayList<>();
        for (int p = 0; p < steps.length; p++) {
            double[] values = new double[curves.length];
            for (int s = 0; s < curves.length; s++) {
                values[s] = curves[s][p];
            }
            if (!Double.isNaN(mean(values))) {
                points.add(new double[] {steps[p], mean(values), std(values)});
            }
        }
        if (points.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new StudyCharts.Curve(row.name(), row.objective().getString("name"),
                points.stream().mapToDouble(q -> q[0]).toArray(), points.stream().mapToDouble(q -> q[1]).toArray(),
                points.stream().mapToDouble(q -> q[2]).toArray()));
    }

    static Path chartFile(Path out, String env) {
        return out.resolve("curves-" + env + ".png");
    }

    /**
     * Redraws the charts from {@code out/curves.csv} alone (the runs need not exist any more), for
     * the rows and envs of the study; a row or env missing from the file is an error naming it.
     */
    public void redrawCharts() {
        Path file = out.resolve("curves.csv");
        // env -> row -> seed -> step -> return
        Map<String, Map<String, Map<Long, Map<Long, Double>>>> data = new LinkedHashMap<>();
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            while (it.hasNext()) {
                Map<String, String> r = it.next();
                data.computeIfAbsent(r.get("env"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.get("row"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(Long.parseLong(r.get("seed")), k -> new java.util.TreeMap<>())
                        .put(Long.parseLong(r.get("step")), Double.parseDouble(r.get("return")));
            }
        } catch (IOException | RuntimeException e) {
            throw new PpoException("cannot read " + file + " (env,row,seed,step,return rows as compare writes them): "
                    + e.getMessage(), e);
        }
        for (StudySpec.EnvEntry env : spec.envs()) {
            Map<String, Map<Long, Map<Long, Double>>> rows = data.get(env.id());
            if (rows == null) {
                throw new PpoException(file + " has no curves of " + env.id() + "; run compare without --charts-only");
            }
            List<StudyCharts.Curve> charted = new ArrayList<>();
            double envSteps = 0;
            for (StudySpec.Row row : spec.rows()) {
                Map<Long, Map<Long, Double>> seeds = rows.get(row.name());
                if (seeds == null) {
                    throw new PpoException(file + " has no curves of row '" + row.name() + "' on " + env.id());
                }
                double[] steps = seeds.values().iterator().next().keySet().stream().mapToDouble(Long::doubleValue)
                        .toArray();
                double[][] curves = seeds.values().stream()
                        .map(points -> points.values().stream().mapToDouble(Double::doubleValue).toArray())
                        .toArray(double[][]::new);
                curve(row, steps, curves).ifPresent(charted::add);
                envSteps = Math.max(envSteps, steps[steps.length - 1]);
            }
            StudyCharts.write(env.id() + " — " + spec.name(), charted, envSteps, chartFile(out, env.id()));
        }
    }

    /** The table as data: per row, per env mean ± std of the run scores, and the normalized score. */
    private Map<String, Object> table(Map<String, Map<String, double[]>> scores, Map<String, Double> random) {
        Map<String, Double> best = new LinkedHashMap<>();
        scores.forEach((env, rows) -> best.put(env, rows.values().stream().mapToDouble(StudyReport::mean).max()
                .orElse(Double.NaN)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StudySpec.Row row : spec.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("row", row.name());
            r.put("objective", row.objective().root().unwrapped());
            Map<String, Object> perEnv = new LinkedHashMap<>();
            double normalizedSum = 0;
            for (String env : scores.keySet()) {
                double[] s = scores.get(env).get(row.name());
                double normalized = (mean(s) - random.get(env)) / (best.get(env) - random.get(env));
                normalizedSum += normalized;
                perEnv.put(env, Map.of("mean", round(mean(s)), "std", round(std(s)), "normalized", round(normalized),
                        "seeds", toList(s)));
            }
            r.put("envs", perEnv);
            r.put("normalized_score", round(normalizedSum / scores.size()));
            rows.add(r);
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("study", spec.name());
        table.put("seeds", spec.seeds());
        table.put("score", "mean return of the last " + spec.lastEpisodes() + " training episodes");
        table.put("random_policy", random);
        table.put("rows", rows);
        return table;
    }

    @SuppressWarnings("unchecked")
    private String markdown(Map<String, Object> table) {
        List<String> envs = new ArrayList<>(((Map<String, Double>) table.get("random_policy")).keySet());
        StringBuilder md = new StringBuilder("# " + spec.name() + "\n\n");
        md.append("Score: mean return of the last ").append(spec.lastEpisodes())
                .append(" training episodes, mean ± std over seeds ").append(spec.seeds())
                .append(". Normalized: random policy = 0, best row = 1 per env, averaged over envs.\n\n");
        md.append("| objective |");
        envs.forEach(e -> md.append(' ').append(e).append(" |"));
        md.append(" normalized |\n|---|");
        envs.forEach(e -> md.append("---:|"));
        md.append("---:|\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) table.get("rows")) {
            md.append("| ").append(row.get("row")).append(" |");
            Map<String, Map<String, Object>> perEnv = (Map<String, Map<String, Object>>) row.get("envs");
            for (String env : envs) {
                Map<String, Object> s = perEnv.get(env);
                md.append(String.format(Locale.ROOT, " %.1f ± %.1f |", (double) s.get("mean"), (double) s.get("std")));
            }
            md.append(String.format(Locale.ROOT, " %.2f |%n", (double) row.get("normalized_score")));
        }
        md.append("\nRandom policy:");
        ((Map<String, Double>) table.get("random_policy")).forEach((e, v) ->
                md.append(String.format(Locale.ROOT, " %s %.1f;", e, v)));
        return md.append('\n').toString();
    }

    private static String csv(Object... cells) {
        List<String> out = new ArrayList<>();
        for (Object c : cells) {
            String s = String.valueOf(c);
            out.add(s.contains(",") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
        }
        return String.join(",", out);
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double v : a) {
            l.add(round(v));
        }
        return l;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double std(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / a.length);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
