package dev.ppo.envs.classic;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.envs.render.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.function.Consumer;

/** Java2D helpers that mimic the pygame drawing of Gymnasium's classic-control {@code render()}. */
final class Frames {

    private Frames() {
    }

    /**
     * Draws on a white {@code width × height} canvas whose y axis points up (pygame draws with y
     * down and then flips the surface vertically) and returns the pixels as an {@link RgbFrame}.
     */
    static RgbFrame draw(int width, int height, Consumer<Graphics2D> painter) {
        return Images.drawYUp(width, height, Color.WHITE, painter);
    }

    /** The polygon through {@code points}, each rotated by {@code angle} (as pygame's {@code rotate_rad}) then shifted. */
    static Path2D polygon(double[][] points, double angle, double dx, double dy) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < points.length; i++) {
            double x = points[i][0] * c - points[i][1] * s + dx;
            double y = points[i][0] * s + points[i][1] * c + dy;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    /** A filled circle of radius {@code r} around {@code (x, y)}, as {@code gfxdraw.filled_circle}. */
    static void fillCircle(Graphics2D g, double x, double y, double r) {
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r + 1, 2 * r + 1));
    }
}
