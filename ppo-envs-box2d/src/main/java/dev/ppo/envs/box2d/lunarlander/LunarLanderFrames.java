package dev.ppo.envs.box2d.lunarlander;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.envs.render.Images;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.Fixture;

/**
 * Draws {@link LunarLander} headless with Java2D the way Gymnasium's {@code render()} does with
 * pygame: world coordinates times SCALE on a y-up canvas (pygame draws y-down and flips the
 * surface at the end), white background, black sky polygons above the terrain, the lander and its
 * legs in their two colours, and the two helipad flags.
 */
final class LunarLanderFrames {

    private static final Color SKY = Color.BLACK;
    private static final Color BODY_FILL = new Color(128, 102, 230); // color1 of lander and legs
    private static final Color BODY_OUTLINE = new Color(77, 77, 128); // color2
    private static final Color FLAG = new Color(204, 204, 0);

    private LunarLanderFrames() {
    }

    static RgbFrame draw(LunarLander env) {
        int width = LunarLander.VIEWPORT_W;
        int height = LunarLander.VIEWPORT_H;
        double scale = LunarLander.SCALE;
        return Images.drawYUp(width, height, Color.WHITE, g -> {
            // sky_polys: the region between each terrain segment and the top of the screen.
            double[] chunkX = env.chunkX();
            double[] smoothY = env.smoothY();
            g.setColor(SKY);
            for (int i = 0; i < LunarLander.CHUNKS - 1; i++) {
                Path2D.Double sky = new Path2D.Double();
                sky.moveTo(chunkX[i] * scale, smoothY[i] * scale);
                sky.lineTo(chunkX[i + 1] * scale, smoothY[i + 1] * scale);
                sky.lineTo(chunkX[i + 1] * scale, LunarLander.H * scale);
                sky.lineTo(chunkX[i] * scale, LunarLander.H * scale);
                sky.closePath();
                g.fill(sky);
                g.draw(sky);
            }

            g.setStroke(new BasicStroke(1f));
            for (Body body : new Body[] {env.lander(), env.leg(0), env.leg(1)}) {
                for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
                    Path2D path = polygon(body.getTransform(), (PolygonShape) f.getShape(), scale);
                    g.setColor(BODY_FILL);
                    g.fill(path);
                    g.setColor(BODY_OUTLINE);
                    g.draw(path);
                }
            }

            for (double x : new double[] {env.helipadX1(), env.helipadX2()}) {
                double px = x * scale;
                double flagy1 = env.helipadY() * scale;
                double flagy2 = flagy1 + 50;
                g.setColor(Color.WHITE);
                g.draw(new Line2D.Double(px, flagy1, px, flagy2));
                Path2D.Double flag = new Path2D.Double();
                flag.moveTo(px, flagy2);
                flag.lineTo(px, flagy2 - 10);
                flag.lineTo(px + 25, flagy2 - 5);
                flag.closePath();
                g.setColor(FLAG);
                g.fill(flag);
                g.draw(flag);
            }
        });
    }

    /** The fixture's polygon in screen units: {@code transform * vertex * SCALE}. */
    private static Path2D polygon(Transform xf, PolygonShape shape, double scale) {
        Path2D.Double path = new Path2D.Double();
        Vec2 world = new Vec2();
        for (int i = 0; i < shape.m_count; i++) {
            Transform.mulToOut(xf, shape.m_vertices[i], world);
            if (i == 0) {
                path.moveTo(world.x * scale, world.y * scale);
            } else {
                path.lineTo(world.x * scale, world.y * scale);
            }
        }
        path.closePath();
        return path;
    }
}
