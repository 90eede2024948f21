package dev.ppo.envs.box2d.carracing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Rot;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.joints.RevoluteJoint;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * Gymnasium 1.3.0's top-down car ({@code gymnasium/envs/box2d/car_dynamics.py}): a hull of four
 * polygons and four wheels on revolute joints, rear-wheel drive, with Oleg Klimov's wheel friction
 * model.
 *
 * <p>As in Python, the controller state (gas, brake, steer, wheel spin {@code omega} and
 * {@code phase}) and all friction arithmetic are float64, and the Box2D values they read (joint
 * angle, wheel velocity and orientation) are float32 widened to float64; the resulting force is
 * rounded to float32 when it is handed to Box2D.
 */
public final class Car {

    static final double SIZE = 0.02;
    static final double ENGINE_POWER = 100000000 * SIZE * SIZE;
    static final double WHEEL_MOMENT_OF_INERTIA = 4000 * SIZE * SIZE;
    static final double FRICTION_LIMIT = 1000000 * SIZE * SIZE; // friction ~= mass ~= size^2 (calculated implicitly using density)
    static final int WHEEL_R = 27;
    static final int WHEEL_W = 14;
    static final int[][] WHEELPOS = {{-55, +80}, {+55, +80}, {-55, -82}, {+55, -82}};
    static final int[][] HULL_POLY1 = {{-60, +130}, {+60, +130}, {+60, +110}, {-60, +110}};
    static final int[][] HULL_POLY2 = {{-15, +120}, {+15, +120}, {+20, +20}, {-20, 20}};
    static final int[][] HULL_POLY3 = {
        {+25, +20}, {+50, -10}, {+50, -40}, {+20, -90}, {-20, -90}, {-50, -40}, {-50, -10}, {-25, +20}};
    static final int[][] HULL_POLY4 = {{-50, -120}, {+50, -120}, {+50, -90}, {-50, -90}};
    static final int[][] WHEEL_POLY = {{-WHEEL_W, +WHEEL_R}, {+WHEEL_W, +WHEEL_R}, {+WHEEL_W, -WHEEL_R}, {-WHEEL_W, -WHEEL_R}};
    /** Hull colour (0.8, 0, 0) as Gymnasium draws it: {@code int(0.8 * 255)}. */
    static final int[] HULL_COLOR = {(int) (0.8 * 255), 0, 0};
    static final int[] WHEEL_COLOR = {0, 0, 0};
    static final int[] WHEEL_WHITE = {77, 77, 77};
    static final int[] MUD_COLOR = {102, 102, 0};

    /** One wheel: its body and joint, and the controller state Python keeps as attributes on the body. */
    public static final class Wheel {
        final Body body;
        final RevoluteJoint joint;
        final double wheelRad;
        double gas;
        double brake;
        double steer;
        double phase; // wheel angle
        double omega; // angular velocity
        Vec2 skidStart;
        Particle skidParticle;
        /** The road tiles this wheel currently touches (Python's {@code w.tiles}). */
        final Set<Tile> tiles = new HashSet<>();

        private Wheel(Body body, RevoluteJoint joint, double wheelRad) {
            this.body = body;
            this.joint = joint;
            this.wheelRad = wheelRad;
        }

        public Body body() {
            return body;
        }

        public RevoluteJoint joint() {
            return joint;
        }

        public double gas() {
            return gas;
        }

        public double brake() {
            return brake;
        }

        public double steer() {
            return steer;
        }

        public double phase() {
            return phase;
        }

        public double omega() {
            return omega;
        }
    }

    /** A skid mark, drawn only by {@code render()} (not in the observation). */
    static final class Particle {
        final int[] color;
        final boolean grass;
        final List<double[]> poly = new ArrayList<>();

        Particle(double[] p1, double[] p2, boolean grass) {
            this.color = grass ? MUD_COLOR : WHEEL_COLOR;
            this.grass = grass;
            poly.add(p1);
            poly.add(p2);
        }
    }

    final World world;
    final Body hull;
    final List<Wheel> wheels = new ArrayList<>(4);
    final List<Particle> particles = new ArrayList<>();
    double fuelSpent;

    private final Vec2 force = new Vec2();

    /** Builds the car in {@code world} with its hull at {@code (initX, initY)}, turned by {@code initAngle}. */
    public Car(World world, double initAngle, double initX, double initY) {
        this.world = world;
        BodyDef hullDef = new BodyDef();
        hullDef.type = BodyType.DYNAMIC;
        hullDef.position.set((float) initX, (float) initY);
        hullDef.angle = (float) initAngle;
        hull = world.createBody(hullDef);
        for (int[][] poly : new int[][][] {HULL_POLY1, HULL_POLY2, HULL_POLY3, HULL_POLY4}) {
            FixtureDef fd = new FixtureDef();
            fd.shape = polygon(poly, 1.0);
            fd.density = 1.0f;
            hull.createFixture(fd);
        }
        for (int[] pos : WHEELPOS) {
            int wx = pos[0];
            int wy = pos[1];
            double frontK = 1.0; // Gymnasium: `1.0 if wy > 0 else 1.0`
            BodyDef wheelDef = new BodyDef();
            wheelDef.type = BodyType.DYNAMIC;
            // Wheels are offset in world axes, not rotated with the hull: the joints pull them
            // into place during the first world step, as in Gymnasium.
            wheelDef.position.set((float) (initX + wx * SIZE), (float) (initY + wy * SIZE));
            wheelDef.angle = (float) initAngle;
            Body w = world.createBody(wheelDef);
            FixtureDef fd = new FixtureDef();
            fd.shape = polygon(WHEEL_POLY, frontK);
            fd.density = 0.1f;
            fd.filter.categoryBits = 0x0020;
            fd.filter.maskBits = 0x001;
            fd.restitution = 0.0f;
            w.createFixture(fd);

            RevoluteJointDef rjd = new RevoluteJointDef();
            rjd.bodyA = hull;
            rjd.bodyB = w;
            rjd.localAnchorA.set((float) (wx * SIZE), (float) (wy * SIZE));
            rjd.localAnchorB.set(0, 0);
            rjd.enableMotor = true;
            rjd.enableLimit = true;
            rjd.maxMotorTorque = (float) (180 * 900 * SIZE * SIZE);
            rjd.motorSpeed = 0;
            rjd.lowerAngle = -0.4f;
            rjd.upperAngle = +0.4f;
            RevoluteJoint joint = (RevoluteJoint) world.createJoint(rjd);
            Wheel wheel = new Wheel(w, joint, frontK * WHEEL_R * SIZE);
            w.setUserData(wheel);
            wheels.add(wheel);
        }
    }

    /** A polygon from Gymnasium's integer outline, scaled by {@code k * SIZE}; Box2D reorders it into a convex hull. */
    private static PolygonShape polygon(int[][] poly, double k) {
        Vec2[] vertices = new Vec2[poly.length];
        for (int i = 0; i < poly.length; i++) {
            vertices[i] = new Vec2((float) (poly[i][0] * k * SIZE), (float) (poly[i][1] * k * SIZE));
        }
        PolygonShape shape = new PolygonShape();
        shape.set(vertices, vertices.length);
        return shape;
    }

    /** Rear-wheel drive: the gas, clipped to [0, 1], rises by at most 0.1 per step but drops at once. */
    public void gas(double gas) {
        gas = Math.max(0, Math.min(1, gas)); // np.clip; a NaN stays NaN as in numpy
        for (Wheel w : wheels.subList(2, 4)) {
            double diff = gas - w.gas;
            if (diff > 0.1) {
                diff = 0.1; // gradually increase, but stop immediately
            }
            w.gas += diff;
        }
    }

    /** Brake on all wheels; 0.9 or more blocks them. */
    public void brake(double b) {
        for (Wheel w : wheels) {
            w.brake = b;
        }
    }

    /** Target steering of the front wheels; the joint motors turn them there over a few steps. */
    public void steer(double s) {
        wheels.get(0).steer = s;
        wheels.get(1).steer = s;
    }

    /** Applies motors, engine, brakes and tyre friction for one step of {@code dt} seconds (before {@code world.step}). */
    public void step(double dt) {
        for (Wheel w : wheels) {
            // Steer each wheel
            double jointAngle = w.joint.getJointAngle();
            double dir = Math.signum(w.steer - jointAngle);
            double val = Math.abs(w.steer - jointAngle);
            w.joint.setMotorSpeed((float) (dir * Math.min(50.0 * val, 3.0)));

            // Position => friction_limit
            boolean grass = true;
            double frictionLimit = FRICTION_LIMIT * 0.6; // Grass friction if no tile
            for (Tile tile : w.tiles) {
                frictionLimit = Math.max(frictionLimit, FRICTION_LIMIT * tile.roadFriction);
                grass = false;
            }

            // Force. GetWorldVector((0,1)) = (-sin, cos) and ((1,0)) = (cos, sin), exactly in float32.
            Rot q = w.body.getTransform().q;
            double forw0 = -q.s;
            double forw1 = q.c;
            double side0 = q.c;
            double side1 = q.s;
            Vec2 v = w.body.getLinearVelocity();
            double vf = forw0 * v.x + forw1 * v.y; // forward speed
            double vs = side0 * v.x + side1 * v.y; // side speed

            // add small coef not to divide by zero
            w.omega += dt * ENGINE_POWER * w.gas / WHEEL_MOMENT_OF_INERTIA / (Math.abs(w.omega) + 5.0);
            fuelSpent += dt * ENGINE_POWER * w.gas;

            if (w.brake >= 0.9) {
                w.omega = 0;
            } else if (w.brake > 0) {
                double brakeForce = 15; // radians per second
                double brakeDir = -Math.signum(w.omega);
                double brakeVal = brakeForce * w.brake;
                if (Math.abs(brakeVal) > Math.abs(w.omega)) {
                    brakeVal = Math.abs(w.omega); // low speed => same as = 0
                }
                w.omega += brakeDir * brakeVal;
            }
            w.phase += w.omega * dt;

            double vr = w.omega * w.wheelRad; // rotating wheel speed
            double fForce = -vf + vr; // force direction is direction of speed difference
            double pForce = -vs;

            // Random coefficient to cut oscillations in few steps (have no effect on friction_limit)
            fForce *= 205000 * SIZE * SIZE;
            pForce *= 205000 * SIZE * SIZE;
            double force = Math.sqrt(fForce * fForce + pForce * pForce);

            // Skid trace
            if (Math.abs(force) > 2.0 * frictionLimit) {
                Vec2 p = w.body.getPosition();
                if (w.skidParticle != null && w.skidParticle.grass == grass && w.skidParticle.poly.size() < 30) {
                    w.skidParticle.poly.add(new double[] {p.x, p.y});
                } else if (w.skidStart == null) {
                    w.skidStart = p.clone();
                } else {
                    w.skidParticle = createParticle(w.skidStart, p, grass);
                    w.skidStart = null;
                }
            } else {
                w.skidStart = null;
                w.skidParticle = null;
            }

            if (Math.abs(force) > frictionLimit) {
                fForce /= force;
                pForce /= force;
                force = frictionLimit; // Correct physics here
                fForce *= force;
                pForce *= force;
            }

            w.omega -= dt * fForce * w.wheelRad / WHEEL_MOMENT_OF_INERTIA;

            this.force.set((float) (pForce * side0 + fForce * forw0), (float) (pForce * side1 + fForce * forw1));
            w.body.applyForceToCenter(this.force);
        }
    }

    private Particle createParticle(Vec2 point1, Vec2 point2, boolean grass) {
        Particle p = new Particle(new double[] {point1.x, point1.y}, new double[] {point2.x, point2.y}, grass);
        particles.add(p);
        while (particles.size() > 30) {
            particles.remove(0);
        }
        return p;
    }

    /** The hull body. */
    public Body hull() {
        return hull;
    }

    /** The wheels: front left, front right, rear left, rear right (Gymnasium's {@code WHEELPOS} order). */
    public List<Wheel> wheels() {
        return wheels;
    }
}
