package dev.ppo.envs.box2d.carracing;

import static dev.ppo.envs.box2d.carracing.CarRacing.GRASS_DIM;
import static dev.ppo.envs.box2d.carracing.CarRacing.MAX_SHAPE_DIM;
import static dev.ppo.envs.box2d.carracing.CarRacing.PLAYFIELD;
import static dev.ppo.envs.box2d.carracing.CarRacing.SCALE;
import static dev.ppo.envs.box2d.carracing.CarRacing.STATE_H;
import static dev.ppo.envs.box2d.carracing.CarRacing.STATE_W;
import static dev.ppo.envs.box2d.carracing.CarRacing.VIDEO_H;
import static dev.ppo.envs.box2d.carracing.CarRacing.VIDEO_W;
import static dev.ppo.envs.box2d.carracing.CarRacing.WINDOW_H;
import static dev.ppo.envs.box2d.carracing.CarRacing.WINDOW_W;
import static dev.ppo.envs.box2d.carracing.CarRacing.ZOOM;

import dev.ppo.api.env.RgbFrame;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.math.BigDecimal;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.Fixture;

/**
 * Java2D version of Gymnasium's {@code CarRacing._render}: it draws the 1000×800 window picture
 * (background, grass patches, road, car, indicator bar and the reward text) and shrinks it to
 * 96×96 ({@code state_pixels}) or 600×400 ({@code rgb_array}).
 *
 * <p>Instead of drawing the full window and calling pygame's {@code smoothscale}, the picture is
 * drawn directly at {@link #SUPERSAMPLE}× the target size without anti-aliasing and box-averaged,
 * which is the area average {@code smoothscale} computes. pygame's fixed-point shrink truncates in
 * each of its two passes (a uniform 102 comes out as 100); the two passes are emulated. Pixels are
 * therefore close to pygame's (channel means within 0.5 on the golden files), not identical.
 */
final class CarRacingRenderer {

    /** Samples per output pixel along each axis. */
    static final int SUPERSAMPLE = 4;
    private static final int VIDEO_SUPERSAMPLE = 2;

    private final CarRacing env;
    private final Canvas state = new Canvas(STATE_W, STATE_H, SUPERSAMPLE);
    private Canvas video; // made on the first render()
    private final Path2D.Double path = new Path2D.Double();
    private final Vec2 tmpLocal = new Vec2();
    private final Vec2 tmpWorld = new Vec2();
    private static volatile boolean textBroken;

    CarRacingRenderer(CarRacing env) {
        this.env = env;
    }

    /** The 96×96 observation as float RGB in HWC order, without skid marks. */
    float[] statePixels() {
        draw(state, false);
        return state.shrinkToFloats();
    }

    /** The 600×400 frame with skid marks. */
    RgbFrame video() {
        if (video == null) {
            video = new Canvas(VIDEO_W, VIDEO_H, VIDEO_SUPERSAMPLE);
        }
        draw(video, true);
        return new RgbFrame(VIDEO_W, VIDEO_H, video.shrinkToBytes());
    }

    /** A target image with its supersampled drawing surface. */
    private static final class Canvas {
        final int width;
        final int height;
        final int ss;
        final BufferedImage image;
        final int[] data;
        final Graphics2D g;
        final double sx; // window pixels -> supersampled pixels
        final double sy;
        private final int[] xPass; // the shrink's buffers, reused
        private final int[] pixels;

        Canvas(int width, int height, int ss) {
            this.width = width;
            this.height = height;
            this.ss = ss;
            image = new BufferedImage(width * ss, height * ss, BufferedImage.TYPE_INT_RGB);
            data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            sx = (double) width * ss / WINDOW_W;
            sy = (double) height * ss / WINDOW_H;
            if (Integer.bitCount(ss) != 1) {
                throw new IllegalArgumentException("supersampling must be a power of two, got " + ss);
            }
            xPass = new int[width * height * ss * 3];
            pixels = new int[width * height * 3];
        }

        /** Box-averages ss×ss blocks as pygame's smoothscale, into buffers reused from frame to frame. */
        int[] shrink() {
            return CarRacingRenderer.shrink(data, width, height, ss, xPass, pixels);
        }

        float[] shrinkToFloats() {
            int[] px = shrink();
            float[] out = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                out[i] = px[i];
            }
            return out;
        }

        byte[] shrinkToBytes() {
            int[] px = shrink();
            byte[] out = new byte[px.length];
            for (int i = 0; i < px.length; i++) {
                out[i] = (byte) px[i];
            }
            return out;
        }
    }

    /**
     * {@code floor(sum / n - epsilon)}, at least 0: pygame's fixed-point reciprocal is a hair
     * below 1/n, so an exact average v comes out as v - 1 and any other as its floor.
     */
    static int truncatingAverage(int sum, int n) {
        return sum == 0 ? 0 : (sum - 1) / n;
    }

    /**
     * {@code data} (packed RGB, {@code width·ss × height·ss}) box-averaged to {@code width × height}
     * RGB values in {@code out}, x pass into {@code xPass} then y pass, each truncating as
     * {@link #truncatingAverage}. {@code ss} is a power of two and every sum non-negative, so the
     * division is a shift (an integer division by a variable cost more than the rest of the frame).
     */
    static int[] shrink(int[] data, int width, int height, int ss, int[] xPass, int[] out) {
        int w = width * ss;
        int shift = Integer.numberOfTrailingZeros(ss);
        for (int y = 0; y < height * ss; y++) {
            int o = y * width * 3;
            for (int x = 0, base = y * w; x < width; x++, base += ss, o += 3) {
                int r = 0;
                int gr = 0;
                int b = 0;
                for (int k = 0; k < ss; k++) {
                    int p = data[base + k];
                    r += (p >> 16) & 0xff;
                    gr += (p >> 8) & 0xff;
                    b += p & 0xff;
                }
                xPass[o] = average(r, shift);
                xPass[o + 1] = average(gr, shift);
                xPass[o + 2] = average(b, shift);
            }
        }
        // ss rows of the x pass make one output row; read in memory order
        int rowLength = width * 3;
        for (int y = 0; y < height; y++) {
            int first = y * ss * rowLength;
            int o = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                int sum = 0;
                for (int k = 0, at = first + i; k < ss; k++, at += rowLength) {
                    sum += xPass[at];
                }
                out[o + i] = average(sum, shift);
            }
        }
        return out;
    }

    /** {@link #truncatingAverage}{@code (sum, 1 << shift)} for a non-negative sum. */
    private static int average(int sum, int shift) {
        return sum == 0 ? 0 : (sum - 1) >> shift;
    }

    private void draw(Canvas canvas, boolean drawParticles) {
        Graphics2D g = canvas.g;
        Car car = env.car;
        // pygame.Surface starts black
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, canvas.image.getWidth(), canvas.image.getHeight());

        // computing transformations
        double angle = -car.hull.getAngle();
        // Animating first second zoom.
        double zoom = 0.1 * SCALE * Math.max(1 - env.t, 0) + ZOOM * SCALE * Math.min(env.t, 1);
        Vec2 pos = car.hull.getPosition();
        View view = new View(canvas, angle, zoom, pos.x, pos.y);

        renderRoad(g, view);
        drawCar(g, view, car, drawParticles);
        // the surface is flipped here; View already maps to flipped coordinates
        renderIndicators(g, canvas, car);
        renderReward(g, canvas);
    }

    /** World → window (pygame, before the vertical flip) → flipped, scaled canvas coordinates. */
    private static final class View {
        final Canvas canvas;
        final double cos;
        final double sin;
        final double zoom;
        final double px;
        final double py;

        View(Canvas canvas, double angle, double zoom, double px, double py) {
            this.canvas = canvas;
            this.cos = Math.cos(angle);
            this.sin = Math.sin(angle);
            this.zoom = zoom;
            this.px = px;
            this.py = py;
        }

        /** Window x before the flip: rotate(p - car) * zoom + (W/2, H/4). */
        double windowX(double x, double y) {
            double dx = x - px;
            double dy = y - py;
            return (dx * cos - dy * sin) * zoom + WINDOW_W / 2.0;
        }

        double windowY(double x, double y) {
            double dx = x - px;
            double dy = y - py;
            return (dx * sin + dy * cos) * zoom + WINDOW_H / 4.0;
        }
    }

    private void renderRoad(Graphics2D g, View view) {
        double bounds = PLAYFIELD;
        double[][] field = {{bounds, bounds}, {bounds, -bounds}, {-bounds, -bounds}, {-bounds, bounds}};
        // draw background
        drawColoredPolygon(g, view, field, env.bgColor, false);

        // draw grass patches
        double[][] poly = new double[4][2];
        for (int x = -20; x < 20; x += 2) {
            for (int y = -20; y < 20; y += 2) {
                poly[0][0] = GRASS_DIM * x + GRASS_DIM;
                poly[0][1] = GRASS_DIM * y + 0;
                poly[1][0] = GRASS_DIM * x + 0;
                poly[1][1] = GRASS_DIM * y + 0;
                poly[2][0] = GRASS_DIM * x + 0;
                poly[2][1] = GRASS_DIM * y + GRASS_DIM;
                poly[3][0] = GRASS_DIM * x + GRASS_DIM;
                poly[3][1] = GRASS_DIM * y + GRASS_DIM;
                drawColoredPolygon(g, view, poly, env.grassColor, true);
            }
        }

        // draw road
        for (CarRacing.RoadPoly rp : env.roadPoly) {
            drawColoredPolygon(g, view, rp.vertices(), rp.color(), true);
        }
    }

    /** Gymnasium's {@code _draw_colored_polygon}, skipping polygons with no vertex near the window. */
    private void drawColoredPolygon(Graphics2D g, View view, double[][] poly, double[] color, boolean clip) {
        boolean visible = !clip;
        path.reset();
        for (int i = 0; i < poly.length; i++) {
            double wx = view.windowX(poly[i][0], poly[i][1]);
            double wy = view.windowY(poly[i][0], poly[i][1]);
            if (!visible && -MAX_SHAPE_DIM <= wx && wx <= WINDOW_W + MAX_SHAPE_DIM
                    && -MAX_SHAPE_DIM <= wy && wy <= WINDOW_H + MAX_SHAPE_DIM) {
                visible = true;
            }
            addPoint(view.canvas, wx, wy, i == 0);
        }
        if (!visible) {
            return;
        }
        path.closePath();
        g.setColor(new Color((int) color[0], (int) color[1], (int) color[2]));
        g.fill(path);
    }

    /** Adds a window point (pre-flip) to {@link #path}, flipped and scaled to the canvas. */
    private void addPoint(Canvas canvas, double wx, double wy, boolean first) {
        double cx = wx * canvas.sx;
        double cy = (WINDOW_H - wy) * canvas.sy;
        if (first) {
            path.moveTo(cx, cy);
        } else {
            path.lineTo(cx, cy);
        }
    }

    /** {@code Car.draw}: skid marks (video only), then wheels and hull with the wheels' white stripes. */
    private void drawCar(Graphics2D g, View view, Car car, boolean drawParticles) {
        if (drawParticles) {
            g.setStroke(new BasicStroke((float) (2 * view.canvas.sx)));
            for (Car.Particle p : car.particles) {
                path.reset();
                for (int i = 0; i < p.poly.size(); i++) {
                    double[] c = p.poly.get(i);
                    addPoint(view.canvas, view.windowX(c[0], c[1]), view.windowY(c[0], c[1]), i == 0);
                }
                g.setColor(new Color(p.color[0], p.color[1], p.color[2]));
                g.draw(path);
            }
        }
        for (Car.Wheel w : car.wheels) {
            drawBody(g, view, w.body, Car.WHEEL_COLOR);
            drawWheelStripe(g, view, w);
        }
        drawBody(g, view, car.hull, Car.HULL_COLOR);
    }

    private void drawBody(Graphics2D g, View view, Body body, int[] color) {
        Transform xf = body.getTransform();
        g.setColor(new Color(color[0], color[1], color[2]));
        for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
            PolygonShape shape = (PolygonShape) f.getShape();
            path.reset();
            for (int i = 0; i < shape.getVertexCount(); i++) {
                Transform.mulToOut(xf, shape.getVertex(i), tmpWorld);
                addPoint(view.canvas, view.windowX(tmpWorld.x, tmpWorld.y), view.windowY(tmpWorld.x, tmpWorld.y), i == 0);
            }
            path.closePath();
            g.fill(path);
        }
    }

    /** The grey band that shows the wheel turning ({@code phase}). */
    private void drawWheelStripe(Graphics2D g, View view, Car.Wheel w) {
        double a1 = w.phase;
        double a2 = w.phase + 1.2; // radians
        double s1 = Math.sin(a1);
        double s2 = Math.sin(a2);
        double c1 = Math.cos(a1);
        double c2 = Math.cos(a2);
        if (s1 > 0 && s2 > 0) {
            return;
        }
        if (s1 > 0) {
            c1 = Math.signum(c1);
        }
        if (s2 > 0) {
            c2 = Math.signum(c2);
        }
        double size = Car.SIZE;
        double[][] whitePoly = {
            {-Car.WHEEL_W * size, +Car.WHEEL_R * c1 * size},
            {+Car.WHEEL_W * size, +Car.WHEEL_R * c1 * size},
            {+Car.WHEEL_W * size, +Car.WHEEL_R * c2 * size},
            {-Car.WHEEL_W * size, +Car.WHEEL_R * c2 * size},
        };
        Transform xf = w.body.getTransform();
        path.reset();
        for (int i = 0; i < whitePoly.length; i++) {
            tmpLocal.set((float) whitePoly[i][0], (float) whitePoly[i][1]);
            Transform.mulToOut(xf, tmpLocal, tmpWorld);
            addPoint(view.canvas, view.windowX(tmpWorld.x, tmpWorld.y), view.windowY(tmpWorld.x, tmpWorld.y), i == 0);
        }
        path.closePath();
        g.setColor(new Color(Car.WHEEL_WHITE[0], Car.WHEEL_WHITE[1], Car.WHEEL_WHITE[2]));
        g.fill(path);
    }

    /** Gymnasium's {@code _render_indicators}, drawn in window coordinates after the flip. */
    private void renderIndicators(Graphics2D g, Canvas canvas, Car car) {
        double W = WINDOW_W;
        double H = WINDOW_H;
        double s = W / 40.0;
        double h = H / 40.0;
        fillScreenPolygon(g, canvas, new double[][] {{W, H}, {W, H - 5 * h}, {0, H - 5 * h}, {0, H}}, 0, 0, 0);

        Vec2 v = car.hull.getLinearVelocity();
        double trueSpeed = Math.sqrt((double) v.x * v.x + (double) v.y * v.y);

        renderIfMin(g, canvas, trueSpeed, verticalInd(5, 0.02 * trueSpeed, s, h, H), 255, 255, 255);
        // ABS sensors
        renderIfMin(g, canvas, car.wheels.get(0).omega, verticalInd(7, 0.01 * car.wheels.get(0).omega, s, h, H), 0, 0, 255);
        renderIfMin(g, canvas, car.wheels.get(1).omega, verticalInd(8, 0.01 * car.wheels.get(1).omega, s, h, H), 0, 0, 255);
        renderIfMin(g, canvas, car.wheels.get(2).omega, verticalInd(9, 0.01 * car.wheels.get(2).omega, s, h, H), 51, 0, 255);
        renderIfMin(g, canvas, car.wheels.get(3).omega, verticalInd(10, 0.01 * car.wheels.get(3).omega, s, h, H), 51, 0, 255);

        double jointAngle = car.wheels.get(0).joint.getJointAngle();
        renderIfMin(g, canvas, jointAngle, horizInd(20, -10.0 * jointAngle, s, h, H), 0, 255, 0);
        double angularVelocity = car.hull.getAngularVelocity();
        renderIfMin(g, canvas, angularVelocity, horizInd(30, -0.8 * angularVelocity, s, h, H), 255, 0, 0);
    }

    private static double[][] verticalInd(double place, double val, double s, double h, double H) {
        return new double[][] {
            {place * s, H - (h + h * val)},
            {(place + 1) * s, H - (h + h * val)},
            {(place + 1) * s, H - h},
            {(place + 0) * s, H - h},
        };
    }

    private static double[][] horizInd(double place, double val, double s, double h, double H) {
        return new double[][] {
            {(place + 0) * s, H - 4 * h},
            {(place + val) * s, H - 4 * h},
            {(place + val) * s, H - 2 * h},
            {(place + 0) * s, H - 2 * h},
        };
    }

    /** simple wrapper to render if the indicator value is above a threshold */
    private void renderIfMin(Graphics2D g, Canvas canvas, double value, double[][] points, int r, int gr, int b) {
        if (Math.abs(value) > 1e-4) {
            fillScreenPolygon(g, canvas, points, r, gr, b);
        }
    }

    /**
     * Fills an axis-aligned rectangle given by its corners in (flipped) window coordinates the way
     * {@code pygame.draw.polygon} does: every window pixel whose integer coordinates lie on or
     * inside the outline, so even a zero-height indicator lights one pixel row.
     */
    private void fillScreenPolygon(Graphics2D g, Canvas canvas, double[][] points, int r, int gr, int b) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double x0 = Math.floor(minX);
        double x1 = Math.floor(maxX) + 1;
        double y0 = Math.floor(minY);
        double y1 = Math.floor(maxY) + 1;
        path.reset();
        path.moveTo(x0 * canvas.sx, y0 * canvas.sy);
        path.lineTo(x1 * canvas.sx, y0 * canvas.sy);
        path.lineTo(x1 * canvas.sx, y1 * canvas.sy);
        path.lineTo(x0 * canvas.sx, y1 * canvas.sy);
        path.closePath();
        g.setColor(new Color(r, gr, b));
        g.fill(path);
    }

    /** The cumulative reward as {@code f"{reward:04}"} in white, centred at (60, H - H*2.5/40). */
    private void renderReward(Graphics2D g, Canvas canvas) {
        if (textBroken) {
            return;
        }
        try {
            String text = zeroPad4(pythonRepr(env.reward));
            Graphics2D tg = (Graphics2D) g.create();
            try {
                tg.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                tg.scale(canvas.sx, canvas.sy);
                // pygame's default font is FreeSansBold at 42 px; the logical sans-serif bold is close.
                Font font = new Font(Font.SANS_SERIF, Font.BOLD, 42);
                FontRenderContext frc = tg.getFontRenderContext();
                GlyphVector glyphs = font.createGlyphVector(frc, text);
                Rectangle2D bounds = glyphs.getLogicalBounds();
                // squeeze the text to FreeSansBold's advance widths, which are narrower than most
                // sans-serif bold fonts' (the long reward string runs off the left edge as in pygame)
                double width = freeSansBoldWidth(text, 42);
                double cx = 60;
                double cy = WINDOW_H - WINDOW_H * 2.5 / 40.0;
                tg.translate(cx - width / 2, cy - bounds.getHeight() / 2 - bounds.getY());
                tg.scale(width / bounds.getWidth(), 1);
                tg.setColor(Color.WHITE);
                tg.drawGlyphVector(glyphs, 0f, 0f);
            } finally {
                tg.dispose();
            }
        } catch (RuntimeException | Error e) {
            // No usable font in this headless JVM: the text is a few pixels of the bar, skip it.
            textBroken = true;
        }
    }

    /** Text width in FreeSansBold (Helvetica-Bold metrics) at {@code size} pixels per em. */
    static double freeSansBoldWidth(String text, double size) {
        double em = 0;
        for (char c : text.toCharArray()) {
            em += switch (c) {
                case '.', 'i' -> 0.278;
                case '-', 'f' -> 0.333;
                case '+' -> 0.584;
                case 'n' -> 0.611;
                default -> 0.556; // digits, 'e', 'a'
            };
        }
        return em * size;
    }

    /** Python's {@code format(x, "04")}: zero padding after the sign up to width 4. */
    static String zeroPad4(String repr) {
        if (repr.length() >= 4) {
            return repr;
        }
        String sign = repr.startsWith("-") ? "-" : "";
        String body = repr.substring(sign.length());
        return sign + "0".repeat(4 - repr.length()) + body;
    }

    /** Python's {@code repr(float)}: shortest digits, fixed notation for 1e-4 <= |x| < 1e16. */
    static String pythonRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = bd.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
