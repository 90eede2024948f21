package dev.ppo.envs.box2d.bipedalwalker;

import dev.ppo.envs.box2d.Box2DWorld;
import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;
import dev.ppo.envs.random.NpRandomEnv;
import dev.ppo.envs.render.Images;
import dev.ppo.envs.random.Pcg64;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.callbacks.RayCastCallback;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.collision.shapes.Shape;
import org.jbox2d.collision.shapes.ShapeType;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.joints.RevoluteJoint;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * Gymnasium 1.3.0's {@code BipedalWalker} ({@code BipedalWalker-v3}, and with {@code hardcore} the
 * terrain of {@code BipedalWalkerHardcore-v3}) on JBox2D, without its time limit: the providers add
 * Gymnasium's {@code TimeLimit} (1600 or 2000 steps).
 *
 * <p>A four-joint walker (hull, two thighs, two shins, motors at hips and knees) walks over rough
 * terrain; hardcore terrain adds stumps, pits and stairs. Actions are four motor commands in
 * [-1, 1]: the sign picks the motor speed and the magnitude the motor torque, exactly as the Python
 * code does it (so out-of-range values act as ±1). The 24-float observation holds hull angle and
 * velocities, joint angles and speeds, shin ground contacts and 10 lidar fractions. The reward is
 * shaped forward progress minus a head-angle and torque cost, -100 on falling (hull touches the
 * ground, or x &lt; 0); reaching the far end also terminates.
 *
 * <p>All randomness (terrain, obstacle kinds and sizes, clouds, the initial push on the hull) comes
 * from one {@link Pcg64} in Gymnasium's draw order, so {@code reset(seed)} builds the same terrain
 * and applies the same force as {@code env.reset(seed=seed)}. As in Gymnasium, {@code reset} ends with
 * one no-op step and returns that observation, and the Box2D world is kept across resets (bodies
 * are destroyed and rebuilt).
 *
 * <p>The physics is JBox2D 2.2.1.1 in float32, close to but not bit-identical with the C++ Box2D 2.3
 * that pybox2d runs. The world is a {@link Box2DWorld}, which corrects two JBox2D departures from
 * Box2D that matter here (new contacts starting disabled, so legs tunnelled through the ground in
 * reset's first step; and the hull polygon's rotational inertia). With those, the hull and thighs
 * after reset are bit-identical to Gymnasium's, and recorded trajectories stay within about 2e-3 for
 * tens of steps before contact-rich walking makes them drift apart. This class also switches off
 * JBox2D's sine/cosine lookup table (done by {@link Box2DWorld}), whose error of about 1e-4 would
 * swamp that.
 *
 * <p>Not thread-safe; one env per thread.
 */
public final class BipedalWalker extends NpRandomEnv {

    // Module constants of gymnasium/envs/box2d/bipedal_walker.py.
    static final int FPS = 50;
    static final double SCALE = 30.0; // affects how fast-paced the game is, forces should be adjusted as well

    static final int MOTORS_TORQUE = 80;
    static final int SPEED_HIP = 4;
    static final int SPEED_KNEE = 6;
    static final double LIDAR_RANGE = 160 / SCALE;

    static final int INITIAL_RANDOM = 5;

    static final int[][] HULL_POLY = {{-30, +9}, {+6, +9}, {+34, +1}, {+34, -8}, {-30, -8}};
    static final double LEG_DOWN = -8 / SCALE;
    static final double LEG_W = 8 / SCALE;
    static final double LEG_H = 34 / SCALE;

    static final int VIEWPORT_W = 600;
    static final int VIEWPORT_H = 400;

    static final double TERRAIN_STEP = 14 / SCALE;
    static final int TERRAIN_LENGTH = 200; // in steps
    static final double TERRAIN_HEIGHT = VIEWPORT_H / SCALE / 4;
    static final int TERRAIN_GRASS = 10; // low long are grass spots, in steps
    static final int TERRAIN_STARTPAD = 20; // in steps
    static final double FRICTION = 2.5;

    // _generate_terrain's states
    private static final int GRASS = 0;
    private static final int STUMP = 1;
    private static final int STAIRS = 2;
    private static final int PIT = 3;
    private static final int STATES = 4;

    private static final int GROUND_CATEGORY = 0x0001;
    private static final int WALKER_CATEGORY = 0x0020;

    private static final Box ACTION_SPACE = Box.of(-1f, 1f, 4);
    private static final Box OBSERVATION_SPACE = observationSpaceBox();

    private final boolean hardcore;
    private final World world = new Box2DWorld(new Vec2(0, -10)); // b2World() default gravity
    private final Lidar[] lidar = new Lidar[10];

    /** Static terrain bodies in Python's {@code self.terrain} order (reversed after building). */
    private List<Body> terrain = new ArrayList<>();
    private Body hull;
    private final Body[] legs = new Body[4];
    private final RevoluteJoint[] joints = new RevoluteJoint[4];
    /** {@code legs[1].ground_contact} and {@code legs[3].ground_contact}. */
    private final boolean[] groundContact = new boolean[4];
    private boolean gameOver;
    private double prevShaping = Double.NaN; // NaN stands for Python's None
    private double scroll;
    private int lidarRender;

    private double[] terrainX;
    private double[] terrainY;
    private final List<double[][]> terrainPoly = new ArrayList<>(); // for render
    private final List<double[][]> cloudPoly = new ArrayList<>();
    private final List<double[]> cloudExtent = new ArrayList<>(); // (x1, x2) per cloud
    private final List<Body> obstacles = new ArrayList<>();
    private double initialForce;

    /** The normal walker ({@code hardcore = false}). */
    public BipedalWalker() {
        this(false);
    }

    /** @param hardcore Gymnasium's {@code hardcore}: stumps, pits and stairs in the terrain */
    public BipedalWalker(boolean hardcore) {
        this.hardcore = hardcore;
        for (int i = 0; i < lidar.length; i++) {
            lidar[i] = new Lidar();
        }
    }

    private static Box observationSpaceBox() {
        // "we use 5.0 to represent the joints moving at maximum 5 x the rated speed due to
        // impulses from ground contact etc."
        float pi = (float) Math.PI;
        float[] low = {-pi, -5f, -5f, -5f, -pi, -5f, -pi, -5f, -0f, -pi, -5f, -pi, -5f, -0f,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        float[] high = {pi, 5f, 5f, 5f, pi, 5f, pi, 5f, 5f, pi, 5f, pi, 5f, 5f,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        return Box.of(low, high);
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    /** Whether this walker uses the hardcore terrain. */
    public boolean hardcore() {
        return hardcore;
    }

    private void destroy() {
        if (terrain.isEmpty()) {
            return;
        }
        // Python clears the listener first, so destroying touching bodies reports no EndContact.
        world.setContactListener(null);
        for (Body t : terrain) {
            world.destroyBody(t);
        }
        terrain = new ArrayList<>();
        obstacles.clear();
        world.destroyBody(hull);
        hull = null;
        for (Body leg : legs) {
            world.destroyBody(leg); // also destroys the joints
        }
        Arrays.fill(legs, null);
        Arrays.fill(joints, null);
    }

    @Override
    protected float[] resetEpisode() {
        destroy();
        world.setContactListener(new ContactDetector());
        gameOver = false;
        prevShaping = Double.NaN;
        scroll = 0.0;
        lidarRender = 0;

        generateTerrain(hardcore);
        generateClouds();

        double initX = TERRAIN_STEP * TERRAIN_STARTPAD / 2;
        double initY = TERRAIN_HEIGHT + 2 * LEG_H;
        FixtureDef hullFd = hullFixture();
        hull = createDynamicBody(initX, initY, 0.0, hullFd);
        Box2DWorld.setPolygonMass(hull, (PolygonShape) hullFd.shape, hullFd.density);
        initialForce = npRandom().uniform(-INITIAL_RANDOM, INITIAL_RANDOM);
        hull.applyForceToCenter(new Vec2((float) initialForce, 0f));

        int k = 0;
        for (int i : new int[] {-1, +1}) {
            Body leg = createDynamicBody(initX, initY - LEG_H / 2 - LEG_DOWN, i * 0.05,
                    legFixture(LEG_W / 2, LEG_H / 2));
            legs[k] = leg;
            joints[k] = createMotorJoint(hull, leg, LEG_DOWN, LEG_H / 2, i, -0.8, 1.1);
            k++;

            Body lower = createDynamicBody(initX, initY - LEG_H * 3 / 2 - LEG_DOWN, i * 0.05,
                    legFixture(0.8 * LEG_W / 2, LEG_H / 2));
            groundContact[k] = false;
            legs[k] = lower;
            joints[k] = createMotorJoint(leg, lower, -LEG_H / 2, LEG_H / 2, 1, -1.6, -0.1);
            k++;
        }
        return step(new float[4]).observation();
    }

    // ---- terrain ------------------------------------------------------------------------------

    private void generateTerrain(boolean hardcore) {
        int state = GRASS;
        double velocity = 0.0;
        double y = TERRAIN_HEIGHT;
        long counter = TERRAIN_STARTPAD;
        boolean oneshot = false;
        terrain = new ArrayList<>();
        terrainX = new double[TERRAIN_LENGTH];
        terrainY = new double[TERRAIN_LENGTH];

        long stairSteps = 0;
        long stairWidth = 0;
        long stairHeight = 0;
        double originalY = 0;
        for (int i = 0; i < TERRAIN_LENGTH; i++) {
            double x = i * TERRAIN_STEP;
            terrainX[i] = x;

            if (state == GRASS && !oneshot) {
                velocity = 0.8 * velocity + 0.01 * Math.signum(TERRAIN_HEIGHT - y);
                if (i > TERRAIN_STARTPAD) {
                    velocity += npRandom().uniform(-1, 1) / SCALE;
                }
                y += velocity;
            } else if (state == PIT && oneshot) {
                counter = npRandom().integers(3, 5);
                double[][] poly = {
                    {x, y},
                    {x + TERRAIN_STEP, y},
                    {x + TERRAIN_STEP, y - 4 * TERRAIN_STEP},
                    {x, y - 4 * TERRAIN_STEP},
                };
                addObstacle(poly);
                double[][] shifted = new double[4][];
                for (int p = 0; p < 4; p++) {
                    shifted[p] = new double[] {poly[p][0] + TERRAIN_STEP * counter, poly[p][1]};
                }
                addObstacle(shifted);
                counter += 2;
                originalY = y;
            } else if (state == PIT) {
                y = originalY;
                if (counter > 1) {
                    y -= 4 * TERRAIN_STEP;
                }
            } else if (state == STUMP && oneshot) {
                counter = npRandom().integers(1, 3);
                addObstacle(new double[][] {
                    {x, y},
                    {x + counter * TERRAIN_STEP, y},
                    {x + counter * TERRAIN_STEP, y + counter * TERRAIN_STEP},
                    {x, y + counter * TERRAIN_STEP},
                });
            } else if (state == STAIRS && oneshot) {
                stairHeight = npRandom().nextDouble() > 0.5 ? +1 : -1;
                stairWidth = npRandom().integers(4, 5);
                stairSteps = npRandom().integers(3, 5);
                originalY = y;
                for (long s = 0; s < stairSteps; s++) {
                    addObstacle(new double[][] {
                        {x + (s * stairWidth) * TERRAIN_STEP, y + (s * stairHeight) * TERRAIN_STEP},
                        {x + ((1 + s) * stairWidth) * TERRAIN_STEP, y + (s * stairHeight) * TERRAIN_STEP},
                        {x + ((1 + s) * stairWidth) * TERRAIN_STEP, y + (-1 + s * stairHeight) * TERRAIN_STEP},
                        {x + (s * stairWidth) * TERRAIN_STEP, y + (-1 + s * stairHeight) * TERRAIN_STEP},
                    });
                }
                counter = stairSteps * stairWidth;
            } else if (state == STAIRS) {
                long s = stairSteps * stairWidth - counter - stairHeight;
                double n = (double) s / stairWidth; // Python's true division
                y = originalY + (n * stairHeight) * TERRAIN_STEP;
            }

            oneshot = false;
            terrainY[i] = y;
            counter -= 1;
            if (counter == 0) {
                counter = npRandom().integers(TERRAIN_GRASS / 2, TERRAIN_GRASS);
                if (state == GRASS && hardcore) {
                    state = (int) npRandom().integers(1, STATES);
                } else {
                    state = GRASS;
                }
                oneshot = true;
            }
        }

        terrainPoly.clear();
        FixtureDef fdEdge = new FixtureDef();
        fdEdge.friction = (float) FRICTION;
        fdEdge.filter.categoryBits = GROUND_CATEGORY;
        for (int i = 0; i < TERRAIN_LENGTH - 1; i++) {
            EdgeShape edge = new EdgeShape();
            edge.set(new Vec2((float) terrainX[i], (float) terrainY[i]),
                    new Vec2((float) terrainX[i + 1], (float) terrainY[i + 1]));
            fdEdge.shape = edge;
            Body t = world.createBody(new BodyDef());
            t.createFixture(fdEdge);
            int green = i % 2 == 0 ? 255 : 204;
            t.setUserData(new Colors(new Color(76, green, 76), new Color(76, green, 76)));
            terrain.add(t);
            terrainPoly.add(new double[][] {
                {terrainX[i], terrainY[i]}, {terrainX[i + 1], terrainY[i + 1]},
                {terrainX[i + 1], 0}, {terrainX[i], 0},
            });
        }
        Collections.reverse(terrain);
    }

    /** A static obstacle polygon with {@code self.fd_polygon} (friction 2.5, default category). */
    private void addObstacle(double[][] poly) {
        Vec2[] vertices = new Vec2[poly.length];
        for (int i = 0; i < poly.length; i++) {
            vertices[i] = new Vec2((float) poly[i][0], (float) poly[i][1]);
        }
        PolygonShape shape = new PolygonShape();
        shape.set(vertices, vertices.length); // computes the convex hull, as b2PolygonShape::Set
        FixtureDef fd = new FixtureDef();
        fd.shape = shape;
        fd.friction = (float) FRICTION;
        Body t = world.createBody(new BodyDef());
        t.createFixture(fd);
        t.setUserData(new Colors(new Color(255, 255, 255), new Color(153, 153, 153)));
        terrain.add(t);
        obstacles.add(t);
    }

    private void generateClouds() {
        // "Sorry for the clouds, couldn't resist" -- cosmetic, but they consume 110 draws.
        cloudPoly.clear();
        cloudExtent.clear();
        for (int c = 0; c < TERRAIN_LENGTH / 20; c++) {
            double x = npRandom().uniform(0, TERRAIN_LENGTH) * TERRAIN_STEP;
            double y = VIEWPORT_H / SCALE * 3 / 4;
            double[][] poly = new double[5][];
            for (int a = 0; a < 5; a++) {
                double px = x + 15 * TERRAIN_STEP * Math.sin(3.14 * 2 * a / 5)
                        + npRandom().uniform(0, 5 * TERRAIN_STEP);
                double py = y + 5 * TERRAIN_STEP * Math.cos(3.14 * 2 * a / 5)
                        + npRandom().uniform(0, 5 * TERRAIN_STEP);
                poly[a] = new double[] {px, py};
            }
            double x1 = Double.POSITIVE_INFINITY;
            double x2 = Double.NEGATIVE_INFINITY;
            for (double[] p : poly) {
                x1 = Math.min(x1, p[0]);
                x2 = Math.max(x2, p[0]);
            }
            cloudPoly.add(poly);
            cloudExtent.add(new double[] {x1, x2});
        }
    }

    // ---- walker -------------------------------------------------------------------------------

    private static FixtureDef hullFixture() {
        Vec2[] vertices = new Vec2[HULL_POLY.length];
        for (int i = 0; i < HULL_POLY.length; i++) {
            vertices[i] = new Vec2((float) (HULL_POLY[i][0] / SCALE), (float) (HULL_POLY[i][1] / SCALE));
        }
        PolygonShape shape = new PolygonShape();
        shape.set(vertices, vertices.length);
        FixtureDef fd = new FixtureDef();
        fd.shape = shape;
        fd.density = 5.0f;
        fd.friction = 0.1f;
        fd.filter.categoryBits = WALKER_CATEGORY;
        fd.filter.maskBits = GROUND_CATEGORY; // collide only with ground
        fd.restitution = 0.0f;
        return fd;
    }

    /** LEG_FD / LOWER_FD: a box of half-sizes {@code hx, hy}, density 1, default friction 0.2. */
    private static FixtureDef legFixture(double hx, double hy) {
        PolygonShape shape = new PolygonShape();
        shape.setAsBox((float) hx, (float) hy);
        FixtureDef fd = new FixtureDef();
        fd.shape = shape;
        fd.density = 1.0f;
        fd.restitution = 0.0f;
        fd.filter.categoryBits = WALKER_CATEGORY;
        fd.filter.maskBits = GROUND_CATEGORY;
        return fd;
    }

    private Body createDynamicBody(double x, double y, double angle, FixtureDef fixture) {
        BodyDef def = new BodyDef();
        def.type = BodyType.DYNAMIC;
        def.position.set((float) x, (float) y);
        def.angle = (float) angle;
        Body body = world.createBody(def);
        body.createFixture(fixture);
        return body;
    }

    private RevoluteJoint createMotorJoint(Body bodyA, Body bodyB, double anchorAy, double anchorBy,
                                           double motorSpeed, double lowerAngle, double upperAngle) {
        RevoluteJointDef rjd = new RevoluteJointDef();
        rjd.bodyA = bodyA;
        rjd.bodyB = bodyB;
        rjd.localAnchorA.set(0f, (float) anchorAy);
        rjd.localAnchorB.set(0f, (float) anchorBy);
        // pybox2d's revoluteJointDef(bodyA=..., bodyB=...) sets referenceAngle = bodyB.angle - bodyA.angle
        // (in Python floats), so the legs' initial ±0.05 tilt counts as joint angle 0.
        rjd.referenceAngle = (float) ((double) bodyB.getAngle() - (double) bodyA.getAngle());
        rjd.enableMotor = true;
        rjd.enableLimit = true;
        rjd.maxMotorTorque = MOTORS_TORQUE;
        rjd.motorSpeed = (float) motorSpeed;
        rjd.lowerAngle = (float) lowerAngle;
        rjd.upperAngle = (float) upperAngle;
        return (RevoluteJoint) world.createJoint(rjd);
    }

    // ---- step ---------------------------------------------------------------------------------

    @Override
    public StepResult step(float[] action) {
        if (action == null || action.length != 4 || hasNaN(action)) {
            throw new IllegalArgumentException("action " + Arrays.toString(action) + " is not in " + ACTION_SPACE);
        }
        if (hull == null) {
            throw new IllegalStateException("Call reset before using step method.");
        }
        // control_speed = False: the sign picks the speed, the magnitude the torque.
        for (int j = 0; j < 4; j++) {
            int speed = j % 2 == 0 ? SPEED_HIP : SPEED_KNEE;
            joints[j].setMotorSpeed((float) (speed * Math.signum(action[j])));
            joints[j].setMaxMotorTorque((float) (MOTORS_TORQUE * clip01(Math.abs(action[j]))));
        }

        world.step((float) (1.0 / FPS), 6 * 30, 2 * 30);

        Vec2 pos = hull.getPosition();
        Vec2 vel = hull.getLinearVelocity();

        for (int i = 0; i < 10; i++) {
            Lidar l = lidar[i];
            l.fraction = 1.0f;
            l.p1.set(pos);
            l.p2.set((float) (pos.x + Math.sin(1.5 * i / 10.0) * LIDAR_RANGE),
                    (float) (pos.y - Math.cos(1.5 * i / 10.0) * LIDAR_RANGE));
            world.raycast(l, l.p1, l.p2);
        }

        double angle = hull.getAngle();
        float[] state = {
            (float) angle, // Normal angles up to 0.5 here, but sure more is possible.
            (float) (2.0 * hull.getAngularVelocity() / FPS),
            (float) (0.3 * vel.x * (VIEWPORT_W / SCALE) / FPS), // Normalized to get -1..1 range
            (float) (0.3 * vel.y * (VIEWPORT_H / SCALE) / FPS),
            joints[0].getJointAngle(),
            (float) ((double) joints[0].getJointSpeed() / SPEED_HIP),
            (float) (joints[1].getJointAngle() + 1.0),
            (float) ((double) joints[1].getJointSpeed() / SPEED_KNEE),
            groundContact[1] ? 1f : 0f,
            joints[2].getJointAngle(),
            (float) ((double) joints[2].getJointSpeed() / SPEED_HIP),
            (float) (joints[3].getJointAngle() + 1.0),
            (float) ((double) joints[3].getJointSpeed() / SPEED_KNEE),
            groundContact[3] ? 1f : 0f,
            lidar[0].fraction, lidar[1].fraction, lidar[2].fraction, lidar[3].fraction, lidar[4].fraction,
            lidar[5].fraction, lidar[6].fraction, lidar[7].fraction, lidar[8].fraction, lidar[9].fraction,
        };

        double x = pos.x;
        scroll = x - VIEWPORT_W / SCALE / 5;

        // moving forward is a way to receive reward (normalized to get 300 on completion)
        double shaping = 130 * x / SCALE;
        // keep head straight, other than that and falling, any behavior is unpunished
        shaping -= 5.0 * Math.abs(angle);

        double reward = 0;
        if (!Double.isNaN(prevShaping)) {
            reward = shaping - prevShaping;
        }
        prevShaping = shaping;

        for (float a : action) {
            // normalized to about -50.0 using heuristic, more optimal agent should spend less
            reward -= 0.00035 * MOTORS_TORQUE * clip01(Math.abs(a));
        }

        boolean terminated = false;
        if (gameOver || x < 0) {
            reward = -100;
            terminated = true;
        }
        if (x > (TERRAIN_LENGTH - TERRAIN_GRASS) * TERRAIN_STEP) {
            terminated = true;
        }
        // truncated is the TimeLimit wrapper's business.
        return new StepResult(state, reward, terminated, false);
    }

    private static boolean hasNaN(float[] action) {
        for (float a : action) {
            if (Float.isNaN(a)) {
                return true;
            }
        }
        return false;
    }

    /** {@code np.clip(v, 0, 1)} of a float32 value, widened. */
    private static double clip01(float v) {
        return Math.min(Math.max(v, 0f), 1f);
    }

    // ---- introspection for tests and tools ----------------------------------------------------

    /** {@code terrain_x}: the x of the 200 terrain points, float64 as Python computes them. */
    public double[] terrainX() {
        return terrainX.clone();
    }

    /** {@code terrain_y}: the y of the 200 terrain points, float64 as Python computes them. */
    public double[] terrainY() {
        return terrainY.clone();
    }

    /**
     * The hardcore obstacles (stumps, pit walls, stairs) in creation order, each as the float32
     * vertices Box2D stores after its convex-hull ordering: {@code [vertex][x, y]}.
     */
    public List<float[][]> obstaclePolygons() {
        List<float[][]> out = new ArrayList<>();
        for (Body body : obstacles) {
            PolygonShape shape = (PolygonShape) body.getFixtureList().getShape();
            float[][] poly = new float[shape.m_count][];
            for (int i = 0; i < shape.m_count; i++) {
                poly[i] = new float[] {shape.m_vertices[i].x, shape.m_vertices[i].y};
            }
            out.add(poly);
        }
        return out;
    }

    /** The x component of the force {@code reset} applied to the hull ({@code uniform(-5, 5)}). */
    public double initialForce() {
        return initialForce;
    }

    /** The walker's bodies: hull, then legs[0..3] (thigh, shin, thigh, shin); for inspection. */
    public Body[] bodies() {
        return new Body[] {hull, legs[0], legs[1], legs[2], legs[3]};
    }

    /** The hull body, for inspection; null before reset. */
    public Body hull() {
        return hull;
    }

    /** {@code self.scroll}: the x of the left edge of the view, in world units. */
    public double scroll() {
        return scroll;
    }

    /** Whether the hull has touched the ground this episode ({@code game_over}). */
    public boolean gameOver() {
        return gameOver;
    }

    // ---- rendering ----------------------------------------------------------------------------

    /**
     * Gymnasium's 600×400 {@code rgb_array} frame: sky, parallax clouds, the terrain, the sweeping
     * lidar ray, the obstacles and the walker, and the start flag; the view follows {@code scroll}.
     * Drawn with anti-aliased Java2D, so pixels differ slightly from pygame's.
     */
    @Override
    public RgbFrame render() {
        if (hull == null) {
            throw new IllegalStateException("Call reset before render.");
        }
        // Python draws on a surface (600 + max(0, scroll) * SCALE) wide and keeps its last 600
        // columns, with y up (it flips the surface at the end).
        int surfaceWidth = (int) (VIEWPORT_W + Math.max(0.0, scroll) * SCALE);
        int offset = surfaceWidth - VIEWPORT_W;
        return Images.drawYUp(VIEWPORT_W, VIEWPORT_H, Color.BLACK, g -> {
            // Keep the surface's last VIEWPORT_W columns; the flip leaves x alone, so this is the
            // same transform as translating by (-offset, VIEWPORT_H) before flipping.
            g.translate(-offset, 0);
            g.setStroke(new BasicStroke(1f));
            paint(g);
        });
    }

    private void paint(Graphics2D g) {
        double s = scroll * SCALE;
        g.setColor(new Color(215, 215, 255));
        g.fill(path(new double[][] {{s, 0}, {s + VIEWPORT_W, 0}, {s + VIEWPORT_W, VIEWPORT_H}, {s, VIEWPORT_H}}));

        g.setColor(Color.WHITE);
        for (int c = 0; c < cloudPoly.size(); c++) {
            double[] extent = cloudExtent.get(c);
            if (extent[1] < scroll / 2 || extent[0] > scroll / 2 + VIEWPORT_W / SCALE) {
                continue;
            }
            double[][] poly = cloudPoly.get(c);
            double[][] pts = new double[poly.length][];
            for (int i = 0; i < poly.length; i++) {
                pts[i] = new double[] {poly[i][0] * SCALE + scroll * SCALE / 2, poly[i][1] * SCALE};
            }
            g.fill(path(pts));
        }

        g.setColor(new Color(102, 153, 76));
        for (double[][] poly : terrainPoly) {
            if (poly[1][0] < scroll || poly[0][0] > scroll + VIEWPORT_W / SCALE) {
                continue;
            }
            double[][] pts = new double[poly.length][];
            for (int i = 0; i < poly.length; i++) {
                pts[i] = new double[] {poly[i][0] * SCALE, poly[i][1] * SCALE};
            }
            g.fill(path(pts));
        }

        lidarRender = (lidarRender + 1) % 100;
        int i = lidarRender;
        if (i < 2 * lidar.length) {
            Lidar single = i < lidar.length ? lidar[i] : lidar[2 * lidar.length - i - 1];
            g.setColor(new Color(255, 0, 0));
            g.draw(new Line2D.Double(single.p1.x * SCALE, single.p1.y * SCALE,
                    single.p2.x * SCALE, single.p2.y * SCALE));
        }

        List<Body> drawlist = new ArrayList<>(terrain);
        drawlist.addAll(Arrays.asList(legs));
        drawlist.add(hull);
        for (Body body : drawlist) {
            Colors colors = (Colors) body.getUserData();
            if (colors == null) {
                colors = bodyColors(body);
            }
            Transform xf = body.getTransform();
            for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
                Shape shape = f.getShape();
                if (shape.getType() == ShapeType.EDGE) {
                    EdgeShape edge = (EdgeShape) shape;
                    Vec2 a = Transform.mul(xf, edge.m_vertex1);
                    Vec2 b = Transform.mul(xf, edge.m_vertex2);
                    g.setColor(colors.color1());
                    g.draw(new Line2D.Double(a.x * SCALE, a.y * SCALE, b.x * SCALE, b.y * SCALE));
                } else if (shape.getType() == ShapeType.POLYGON) {
                    PolygonShape polygon = (PolygonShape) shape;
                    double[][] pts = new double[polygon.m_count][];
                    for (int v = 0; v < polygon.m_count; v++) {
                        Vec2 p = Transform.mul(xf, polygon.m_vertices[v]);
                        pts[v] = new double[] {p.x * SCALE, p.y * SCALE};
                    }
                    Path2D outline = path(pts);
                    g.setColor(colors.color1());
                    g.fill(outline);
                    g.setColor(colors.color2());
                    g.draw(outline);
                }
            }
        }

        double flagy1 = TERRAIN_HEIGHT * SCALE;
        double flagy2 = flagy1 + 50;
        double x = TERRAIN_STEP * 3 * SCALE;
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(x, flagy1, x, flagy2));
        Path2D flag = path(new double[][] {{x, flagy2}, {x, flagy2 - 10}, {x + 25, flagy2 - 5}});
        g.setColor(new Color(230, 51, 0));
        g.fill(flag);
        g.setColor(Color.BLACK);
        g.draw(flag);
    }

    /** Hull and leg colours ({@code color1}, {@code color2}) as {@code reset} assigns them. */
    private Colors bodyColors(Body body) {
        if (body == hull) {
            return new Colors(new Color(127, 51, 229), new Color(76, 76, 127));
        }
        int i = body == legs[0] || body == legs[1] ? -1 : +1;
        return new Colors(new Color(153 - i * 25, 76 - i * 25, 127 - i * 25),
                new Color(102 - i * 25, 51 - i * 25, 76 - i * 25));
    }

    private static Path2D path(double[][] points) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(points[0][0], points[0][1]);
        for (int i = 1; i < points.length; i++) {
            path.lineTo(points[i][0], points[i][1]);
        }
        path.closePath();
        return path;
    }

    private record Colors(Color color1, Color color2) {
    }

    // ---- Box2D callbacks ----------------------------------------------------------------------

    /** Python's {@code LidarCallback}: keeps the closest ground hit, ignoring the walker's parts. */
    private static final class Lidar implements RayCastCallback {
        final Vec2 p1 = new Vec2();
        final Vec2 p2 = new Vec2();
        float fraction = 1.0f;

        @Override
        public float reportFixture(Fixture fixture, Vec2 point, Vec2 normal, float fraction) {
            if ((fixture.getFilterData().categoryBits & 1) == 0) {
                return -1;
            }
            p2.set(point);
            this.fraction = fraction;
            return fraction;
        }
    }

    /** Python's {@code ContactDetector}: hull contact ends the game; shins report ground contact. */
    private final class ContactDetector implements ContactListener {
        @Override
        public void beginContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            if (hull == a || hull == b) {
                gameOver = true;
            }
            setGroundContact(a, b, true);
        }

        @Override
        public void endContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            setGroundContact(a, b, false);
        }

        /** Only the shins ({@code legs[1]}, {@code legs[3]}) report ground contact. */
        private void setGroundContact(Body a, Body b, boolean touching) {
            for (int k = 1; k < 4; k += 2) {
                if (legs[k] == a || legs[k] == b) {
                    groundContact[k] = touching;
                }
            }
        }

        @Override
        public void preSolve(Contact contact, Manifold oldManifold) {
        }

        @Override
        public void postSolve(Contact contact, ContactImpulse impulse) {
        }
    }
}
