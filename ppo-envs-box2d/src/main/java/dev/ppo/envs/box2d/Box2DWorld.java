package dev.ppo.envs.box2d;

import org.jbox2d.collision.shapes.MassData;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;

/**
 * A JBox2D 2.2.1.1 {@link World} with its departures from Box2D 2.3 (which pybox2d, and so
 * Gymnasium, runs) corrected. Every Box2D port here builds its world from this class.
 *
 * <p><b>Exact trigonometry.</b> JBox2D's defaults take sin/cos from a lookup table accurate to about
 * 1e-4 and approximate atan2; Box2D calls {@code sinf}/{@code cosf}/{@code atan2}. Creating a
 * {@code Box2DWorld} switches the approximations off (JVM-wide JBox2D statics; exact math is what
 * every port here wants).
 *
 * <p><b>Contacts start enabled.</b> JBox2D fixed this upstream later (commit 76626eb, "Fixed
 * initialization of Contact").
 * <p>JBox2D 2.2.1.1's {@code Contact.init} clears every flag, whereas Box2D's {@code b2Contact}
 * starts <em>enabled</em>. The continuous-collision pass ({@code SolveTOI}) skips disabled
 * contacts, so a contact created during a step, e.g. a leg that crosses the ground within one step,
 * got no time-of-impact handling and the body tunnelled through. Box2D (and so Gymnasium) stops such
 * a body at the surface; BipedalWalker's very first step, where the legs snap onto their joints and
 * swing into the ground, depends on that.
 *
 * <p><b>Polygon inertia.</b> See {@link #setPolygonMass}.
 */
public final class Box2DWorld extends World {

    public Box2DWorld(Vec2 gravity) {
        super(gravity);
        org.jbox2d.common.Settings.SINCOS_LUT_ENABLED = false;
        org.jbox2d.common.Settings.FAST_ATAN2 = false;
    }

    @Override
    public Contact popContact(Fixture fixtureA, int indexA, Fixture fixtureB, int indexB) {
        Contact contact = super.popContact(fixtureA, indexA, fixtureB, indexB);
        if (contact != null) {
            contact.setEnabled(true); // b2Contact's constructor sets e_enabledFlag
        }
        return contact;
    }

    /**
     * Gives a one-fixture dynamic body the mass data Box2D 2.3 computes for its polygon.
     *
     * <p>JBox2D 2.2.1.1's {@code PolygonShape.computeMass} integrates about the vertex average
     * {@code s} like Box2D 2.3 but then shifts the inertia by {@code mass * |c|^2} instead of
     * {@code mass * (|c|^2 - |c - s|^2)}, overstating the rotational inertia of any polygon whose
     * vertex average is not its centroid (the walker's hull; boxes are unaffected). This repeats
     * {@code b2PolygonShape::ComputeMass} and {@code b2Body::ResetMassData} operation by operation
     * in float32.
     */
    public static void setPolygonMass(Body body, PolygonShape shape, float density) {
        int count = shape.m_count;
        Vec2[] v = shape.m_vertices;
        float sx = 0f;
        float sy = 0f;
        for (int i = 0; i < count; i++) {
            sx += v[i].x;
            sy += v[i].y;
        }
        float invCount = 1.0f / count;
        sx *= invCount;
        sy *= invCount;

        final float kInv3 = 1.0f / 3.0f;
        float cx = 0f;
        float cy = 0f;
        float area = 0f;
        float inertia = 0f;
        for (int i = 0; i < count; i++) {
            Vec2 next = i + 1 < count ? v[i + 1] : v[0];
            float ex1 = v[i].x - sx;
            float ey1 = v[i].y - sy;
            float ex2 = next.x - sx;
            float ey2 = next.y - sy;
            float d = ex1 * ey2 - ey1 * ex2;
            float triangleArea = 0.5f * d;
            area += triangleArea;
            cx += triangleArea * kInv3 * (ex1 + ex2);
            cy += triangleArea * kInv3 * (ey1 + ey2);
            float intx2 = ex1 * ex1 + ex2 * ex1 + ex2 * ex2;
            float inty2 = ey1 * ey1 + ey2 * ey1 + ey2 * ey2;
            inertia += (0.25f * kInv3 * d) * (intx2 + inty2);
        }
        float mass = density * area;
        float invArea = 1.0f / area;
        cx *= invArea;
        cy *= invArea;
        float centerX = cx + sx;
        float centerY = cy + sy;
        float shapeInertia = density * inertia;
        shapeInertia += mass * ((centerX * centerX + centerY * centerY) - (cx * cx + cy * cy));

        // b2Body::ResetMassData with this one fixture: localCenter = (mass * center) / mass.
        float invMass = 1.0f / mass;
        MassData data = new MassData();
        data.mass = mass;
        data.center.set((mass * centerX) * invMass, (mass * centerY) * invMass);
        data.I = shapeInertia; // setMassData subtracts mass * |localCenter|^2, as ResetMassData does
        body.setMassData(data);
    }
}
