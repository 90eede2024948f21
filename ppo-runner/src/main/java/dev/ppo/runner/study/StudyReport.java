package dev.ppo.runner.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ppo.runner.PpoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns a finished study into the paper's kind of table and learning curves:
 * <ul>
 *   <li>a run's score is the mean return of its last {@code last_episodes} episodes;</li>
 *   <li>per env, a row's score is the mean over seeds, normalized so that the random policy is 0
 *       and the best row is 1 (the PPO paper's Table 1 convention); a row's normalized score is the
 *       mean over envs;</li>
 *   <li>learning curves: the mean return of the episodes ending in each of {@value #POINTS} equal
 *       step intervals, averaged over seeds (± std), one PNG per env.</li>
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
            XYChart chart = new XYChartBuilder().width(900).height(560).title(env.id() + " — " + spec.name())
                    .xAxisTitle("environment steps").yAxisTitle("episode return (mean ± std over seeds)").build();
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
            chart.getStyler().setMarkerSize(0);
            chart.getStyler().setErrorBarsColorSeriesColor(true);
            chart.getStyler().setXAxisDecimalPattern("#,###");
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
                addCurve(chart, row.name(), curves, total);
            }
            perEnvRowSeeds.put(env.id(), rows);
            try {
                BitmapEncoder.saveBitmap(chart, out.resolve("curves-" + env.id()).toString(),
                        BitmapEncoder.BitmapFormat.PNG);
            } catch (IOException e) {
                throw new PpoException("cannot write the chart of " + env.id() + ": " + e.getMessage(), e);
            }
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

    /** Mean ± std over seeds, from the first point at which every seed has finished an episode. */
    private void addCurve(XYChart chart, String name, double[][] curves, double total) {
        List<double[]> points = new ArrayList<>();
        for (int p = 0; p < POINTS; p++) {
            double[] values = new double[curves.length];
            for (int s = 0; s < curves.length; s++) {
                values[s] = curves[s][p];
            }
            if (!Double.isNaN(mean(values))) {
                points.add(new double[] {total * (p + 1) / POINTS, mean(values), std(values)});
            }
        }
        if (points.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, points.stream().mapToDouble(q -> q[0]).toArray(),
                points.stream().mapToDouble(q -> q[1]).toArray(), points.stream().mapToDouble(q -> q[2]).toArray());
        series.setMarker(SeriesMarkers.NONE);
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
