package dev.ppo.runner.study;

import dev.ppo.runner.error.PpoException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning curves of one env as one PNG: a panel per objective family (no clipping or penalty,
 * clipping, adaptive KL, fixed KL, then any other objective), each row's mean over seeds as a line
 * in a ±std shaded band. All panels share the axes, so heights compare across panels; at most four
 * rows share a panel, so four colours that stay apart (Okabe and Ito's colour-blind-safe palette)
 * suffice; the legend sits under the plot, never on the data, and takes the same room in every
 * panel so the plots line up.
 */
final class StudyCharts {

    /**
     * One row's curve.
     *
     * @param row    the row's name (the legend entry)
     * @param family the objective's plugin name ({@code cpi}, {@code clip}, {@code adaptive-kl}, ...)
     * @param steps  x: environment steps
     * @param mean   mean return over seeds at each step
     * @param std    its standard deviation over seeds
     */
    record Curve(String row, String family, double[] steps, double[] mean, double[] std) {
    }

    /** Panel order and titles; other families follow in the order they appear. */
    private static final Map<String, String> FAMILIES = Map.of("cpi", "No clipping or penalty", "clip", "Clipping",
            "adaptive-kl", "Adaptive KL penalty", "fixed-kl", "Fixed KL penalty");
    private static final List<String> ORDER = List.of("cpi", "clip", "adaptive-kl", "fixed-kl");

    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9)};

    private static final int PANEL_WIDTH = 560;
    private static final int PANEL_HEIGHT = 420;
    private static final int TITLE_HEIGHT = 44;
    private static final int LEGEND_ROW = 20;

    private StudyCharts() {
    }

    /** Writes {@code png}: the panels of {@code curves} in a grid two wide, under {@code title}. */
    static void write(String title, List<Curve> curves, double totalSteps, Path png) {
        Map<String, List<Curve>> panels = new LinkedHashMap<>();
        ORDER.forEach(f -> curves.stream().filter(c -> c.family().equals(f))
                .forEach(c -> panels.computeIfAbsent(f, k -> new ArrayList<>()).add(c)));
        curves.stream().filter(c -> !ORDER.contains(c.family()))
                .forEach(c -> panels.computeIfAbsent(c.family(), k -> new ArrayList<>()).add(c));
        if (panels.isEmpty()) {
            return;
        }
        double[] yRange = yRange(curves);
        int columns = Math.min(2, panels.size());
        int gridRows = (panels.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, TITLE_HEIGHT + gridRows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, 16, 28);
            // Every panel reserves room for the longest legend, so all plots have the same height.
            int legendHeight = LEGEND_ROW * panels.values().stream().mapToInt(List::size).max().orElse(1) + 12;
            int i = 0;
            for (Map.Entry<String, List<Curve>> panel : panels.entrySet()) {
                XYChart chart = panel(FAMILIES.getOrDefault(panel.getKey(), panel.getKey()), panel.getValue(),
                        totalSteps, yRange, PANEL_HEIGHT - legendHeight);
                int x = (i % columns) * PANEL_WIDTH;
                int y = TITLE_HEIGHT + (i / columns) * PANEL_HEIGHT;
                g.drawImage(BitmapEncoder.getBufferedImage(chart), x, y, null);
                legend(g, panel.getValue(), x + 90, y + PANEL_HEIGHT - legendHeight + 4);
                i++;
            }
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new PpoException("cannot write the chart " + png + ": " + e.getMessage(), e);
        }
    }

    /** The legend under a panel: a line in each row's colour and its name, one row per line. */
    private static void legend(Graphics2D g, List<Curve> curves, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int k = 0; k < curves.size(); k++) {
            int rowY = y + k * LEGEND_ROW + LEGEND_ROW / 2;
            g.setColor(PALETTE[k % PALETTE.length]);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x, rowY, x + 28, rowY);
            g.setColor(Color.DARK_GRAY);
            g.drawString(curves.get(k).row(), x + 38, rowY + 5);
        }
    }

    private static XYChart panel(String title, List<Curve> curves, double totalSteps, double[] yRange, int height) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(height).title(title)
                .xAxisTitle("environment steps").yAxisTitle("episode return").build();
        var styler = chart.getStyler();
        styler.setLegendVisible(false); // drawn under the plot by legend(), the same height in every panel
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        styler.setPlotBorderVisible(false);
        styler.setMarkerSize(0);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(totalSteps);
        styler.setYAxisMin(yRange[0]);
        styler.setYAxisMax(yRange[1]);
        styler.setxAxisTickLabelsFormattingFunction(StudyCharts::steps);
        styler.setyAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%,.0f", v));
        for (int k = 0; k < curves.size(); k++) {
            Curve c = curves.get(k);
            Color colour = PALETTE[k % PALETTE.length];
            int n = c.steps().length;
            double[] bandX = new double[2 * n];
            double[] bandY = new double[2 * n];
            for (int p = 0; p < n; p++) {
                bandX[p] = c.steps()[p];
                bandY[p] = clamp(c.mean()[p] + c.std()[p], yRange);
                bandX[2 * n - 1 - p] = c.steps()[p];
                bandY[2 * n - 1 - p] = clamp(c.mean()[p] - c.std()[p], yRange);
            }
            XYSeries band = chart.addSeries(c.row() + " ±std", bandX, bandY);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 46));
            band.setLineColor(new Color(0, 0, 0, 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
            XYSeries line = chart.addSeries(c.row(), c.steps(), c.mean());
            line.setLineColor(colour);
            line.setLineStyle(new BasicStroke(2.2f));
            line.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** The y range of every panel: all bands fit, widened to round numbers. */
    private static double[] yRange(List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (int p = 0; p < c.mean().length; p++) {
                lo = Math.min(lo, c.mean()[p] - c.std()[p]);
                hi = Math.max(hi, c.mean()[p] + c.std()[p]);
            }
        }
        double step = roundStep((hi - lo) / 8);
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double roundStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static double clamp(double v, double[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }

    /** 50,000 as "50k", 1,500,000 as "1.5M". */
    static String steps(double v) {
        if (Math.abs(v) >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (Math.abs(v) >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
