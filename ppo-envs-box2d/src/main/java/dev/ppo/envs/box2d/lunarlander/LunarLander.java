package dev.ppo.envs.box2d.lunarlander;

import dev.ppo.envs.box2d.Box2DWorld;
import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.envs.random.NpRandomEnv;
import dev.ppo.envs.random.Pcg64;
import java.util.Arrays;
import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.joints.RevoluteJoint;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * Gymnasium 1.3.0's {@code LunarLander} (LunarLander-v3 without its time limit; the providers add
 * the {@code TimeLimit} of 1000 steps, as {@code gymnasium.make} does), on JBox2D.
 *
 * <p>A lander starts at the top centre of the screen with a random push and must come to rest on
 * the helipad between the two flags at (0, 0) of the observation. Actions: {@code Discrete(4)} (0
 * no-op, 1 left orientation engine, 2 main engine, 3 right orientation engine) or, with
 * {@code continuous}, {@code Box(-1, 1, (2,))} for the main and lateral throttles; continuous
 * actions are clipped to [-1, 1] as Gymnasium does. The observation is {@code (x, y, vx, vy,
 * angle, angular velocity, left leg contact, right leg contact)} in Gymnasium's scaled units.
 * The episode terminates on a crash (the lander body touches the moon), when |x| &ge; 1, or when
 * the lander falls asleep (comes to rest: +100).
 *
 * <p>Randomness comes from a {@link Pcg64} in Gymnasium's draw order (12 terrain heights, the
 * initial force, with wind the {@code wind_idx} and {@code torque_idx} offsets, then two
 * dispersion draws on every step), so {@code reset(seed)} builds the same terrain and initial
 * push as {@code env.reset(seed=seed)} in Python. Like Python, reset ends with one no-op step and
 * returns that observation.
 *
 * <p>Physics: JBox2D 2.2.1.1 in float32 with Box2D 2.3's settings. Three differences from
 * pybox2d's C++ Box2D 2.3 are corrected here: JBox2D's sin/cos lookup table is switched off,
 * the lander's rotational inertia is recomputed as Box2D 2.3 does, and the leg joints get the
 * reference angle pybox2d sets. What remains is float32 rounding (glibc's {@code sinf} is not
 * correctly rounded, Java's is), so trajectories agree to about 1e-6 in free flight and drift
 * apart slowly once the legs or the body touch the ground.
 */
public final class LunarLander extends NpRandomEnv {

    // Module constants of lunar_lander.py.
    static final int FPS = 50;
    static final double SCALE = 30.0; // affects how fast-paced the game is, forces should be adjusted as well

    static final double MAIN_ENGINE_POWER = 13.0;
    static final double SIDE_ENGINE_POWER = 0.6;

    static final double INITIAL_RANDOM = 1000.0; // Set 1500 to make game harder

    static final int[][] LANDER_POLY = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
    static final int LEG_AWAY = 20;
    static final int LEG_DOWN = 18;
    static final int LEG_W = 2;
    static final int LEG_H = 8;
    static final int LEG_SPRING_TORQUE = 40;

    static final int SIDE_ENGINE_HEIGHT = 14;
    static final int SIDE_ENGINE_AWAY = 12;
    static final int MAIN_ENGINE_Y_LOCATION = 4; // The Y location of the main engine on the body of the Lander.

    static final int VIEWPORT_W = 600;
    static final int VIEWPORT_H = 400;

    static final int CHUNKS = 11;
    static final double W = VIEWPORT_W / SCALE;
    static final double H = VIEWPORT_H / SCALE;

    private static final Discrete DISCRETE_ACTIONS = new Discrete(4);
    private static final Box CONTINUOUS_ACTIONS = Box.of(-1f, 1f, 2);
    private static final Box OBSERVATION_SPACE = Box.of(
            new float[] {-2.5f, -2.5f, -10f, -10f, (float) (-2 * Math.PI), -10f, -0.0f, -0.0f},
            new float[] {2.5f, 2.5f, 10f, 10f, (float) (2 * Math.PI), 10f, 1f, 1f});

    static {
    }

    private final boolean continuous;
    private final double gravity;
    private final boolean enableWind;
    private final double windPower;
    private final double turbulencePower;

    private World world;
    private Body moon;
    private Body lander;
    private final Body[] legs = new Body[2];
    private final boolean[] groundContact = new boolean[2];
    private final RevoluteJoint[] legJoints = new RevoluteJoint[2];
    private boolean gameOver;
    private boolean hasPrevShaping; // prev_shaping is not None
    private double prevShaping;
    private long windIdx;
    private long torqueIdx;

    // Terrain and the draws that built it, kept for render() and the golden tests.
    private double[] chunkHeightsRaw;
    private double[] chunkX;
    private double[] smoothY;
    private double helipadX1;
    private double helipadX2;
    private double helipadY;
    private final double[] initialForce = new double[2];
    private final double[] dispersion = new double[2];

    // Scratch vectors: JBox2D copies their values, so one of each per env avoids garbage per step.
    private final Vec2 impulse = new Vec2();
    private final Vec2 impulsePos = new Vec2();
    private final Vec2 force = new Vec2();

    /** The discrete lander with Gymnasium's defaults (gravity -10, no wind). */
    public LunarLander() {
        this(false, -10.0, false, 15.0, 1.5);
    }

    /**
     * @param continuous      {@code Box(2)} throttles instead of {@code Discrete(4)}
     * @param gravity         the moon's gravity, in (-12, 0)
     * @param enableWind      apply wind and turbulence while no leg touches the ground
     * @param windPower       maximum linear wind force (Gymnasium recommends 0..20)
     * @param turbulencePower maximum rotational wind torque (Gymnasium recommends 0..2)
     * @throws IllegalArgumentException if gravity is outside (-12, 0), as Gymnasium asserts
     */
    public LunarLander(boolean continuous, double gravity, boolean enableWind, double windPower,
                       double turbulencePower) {
        if (!(-12.0 < gravity && gravity < 0.0)) {
            throw new IllegalArgumentException("gravity (current value: " + gravity + ") must be between -12 and 0");
        }
        if (!Double.isFinite(windPower) || !Double.isFinite(turbulencePower)) {
            throw new IllegalArgumentException("wind_power and turbulence_power must be finite, got "
                    + windPower + " and " + turbulencePower);
        }
        this.continuous = continuous;
        this.gravity = gravity;
        this.enableWind = enableWind;
        this.windPower = windPower;
        this.turbulencePower = turbulencePower;
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return continuous ? CONTINUOUS_ACTIONS : DISCRETE_ACTIONS;
    }

    /** Whether actions are continuous throttles. */
    public boolean continuous() {
        return continuous;
    }

    @Override
    protected float[] resetEpisode() {
        // Gymnasium builds a new world on every reset (its fix for issue #728).
        world = new Box2DWorld(new Vec2(0f, (float) gravity));
        world.setContactListener(new ContactDetector());
        gameOver = false;
        hasPrevShaping = false;

        // Create Terrain
        double[] height = npRandom().uniform(0, H / 2, CHUNKS + 1);
        chunkHeightsRaw = height.clone();
        chunkX = new double[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunkX[i] = W / (CHUNKS - 1) * i;
        }
        helipadX1 = chunkX[CHUNKS / 2 - 1];
        helipadX2 = chunkX[CHUNKS / 2 + 1];
        helipadY = H / 4;
        for (int i = CHUNKS / 2 - 2; i <= CHUNKS / 2 + 2; i++) {
            height[i] = helipadY;
        }
        smoothY = new double[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            // height[i - 1] at i = 0 is Python's height[-1], the last element.
            double before = height[i == 0 ? height.length - 1 : i - 1];
            smoothY[i] = 0.33 * (before + height[i] + height[i + 1]);
        }

        BodyDef moonDef = new BodyDef();
        moonDef.type = BodyType.STATIC;
        moon = world.createBody(moonDef);
        EdgeShape floor = new EdgeShape();
        floor.set(new Vec2(0f, 0f), new Vec2((float) W, 0f));
        moon.createFixture(fixture(floor, 0f, 0.2f)); // pybox2d's default fixtureDef: friction 0.2
        for (int i = 0; i < CHUNKS - 1; i++) {
            EdgeShape edge = new EdgeShape();
            edge.set(new Vec2((float) chunkX[i], (float) smoothY[i]),
                    new Vec2((float) chunkX[i + 1], (float) smoothY[i + 1]));
            moon.createFixture(fixture(edge, 0f, 0.1f));
        }

        // Create Lander body
        double initialY = VIEWPORT_H / SCALE;
        double initialX = VIEWPORT_W / SCALE / 2;
        BodyDef landerDef = new BodyDef();
        landerDef.type = BodyType.DYNAMIC;
        landerDef.position.set((float) initialX, (float) initialY);
        landerDef.angle = 0f;
        lander = world.createBody(landerDef);
        Vec2[] vertices = new Vec2[LANDER_POLY.length];
        for (int i = 0; i < vertices.length; i++) {
            vertices[i] = new Vec2((float) (LANDER_POLY[i][0] / SCALE), (float) (LANDER_POLY[i][1] / SCALE));
        }
        PolygonShape landerShape = new PolygonShape();
        landerShape.set(vertices, vertices.length);
        FixtureDef landerFixture = fixture(landerShape, 5.0f, 0.1f);
        landerFixture.filter.categoryBits = 0x0010;
        landerFixture.filter.maskBits = 0x001; // collide only with ground
        landerFixture.restitution = 0.0f;
        lander.createFixture(landerFixture);
        Box2DWorld.setPolygonMass(lander, (PolygonShape) lander.getFixtureList().getShape(), 5.0f);

        // Apply the initial random impulse to the lander
        initialForce[0] = npRandom().uniform(-INITIAL_RANDOM, INITIAL_RANDOM);
        initialForce[1] = npRandom().uniform(-INITIAL_RANDOM, INITIAL_RANDOM);
        force.set((float) initialForce[0], (float) initialForce[1]);
        lander.applyForceToCenter(force);

        if (enableWind) { // Initialize wind pattern based on index
            windIdx = npRandom().integers(-9999, 9999);
            torqueIdx = npRandom().integers(-9999, 9999);
        }

        // Create Lander Legs: left (i = -1) then right (i = +1)
        for (int k = 0; k < 2; k++) {
            int i = k == 0 ? -1 : +1;
            BodyDef legDef = new BodyDef();
            legDef.type = BodyType.DYNAMIC;
            legDef.position.set((float) (initialX - i * LEG_AWAY / SCALE), (float) initialY);
            legDef.angle = (float) (i * 0.05);
            Body leg = world.createBody(legDef);
            PolygonShape box = new PolygonShape();
            box.setAsBox((float) (LEG_W / SCALE), (float) (LEG_H / SCALE));
            FixtureDef legFixture = fixture(box, 1.0f, 0.2f);
            legFixture.restitution = 0.0f;
            legFixture.filter.categoryBits = 0x0020;
            legFixture.filter.maskBits = 0x001;
            leg.createFixture(legFixture);
            groundContact[k] = false;

            RevoluteJointDef rjd = new RevoluteJointDef();
            rjd.bodyA = lander;
            rjd.bodyB = leg;
            rjd.localAnchorA.set(0f, 0f);
            rjd.localAnchorB.set((float) (i * LEG_AWAY / SCALE), (float) (LEG_DOWN / SCALE));
            // pybox2d's revoluteJointDef(bodyA=..., bodyB=...) sets the reference angle from the
            // bodies when none is given (C++ and JBox2D would leave it 0).
            rjd.referenceAngle = (float) ((double) leg.getAngle() - (double) lander.getAngle());
            rjd.enableMotor = true;
            rjd.enableLimit = true;
            rjd.maxMotorTorque = LEG_SPRING_TORQUE;
            rjd.motorSpeed = (float) (+0.3 * i); // low enough not to jump back into the sky
            if (i == -1) {
                // The most esoteric numbers here, angled legs have freedom to travel within
                rjd.lowerAngle = (float) (+0.9 - 0.5);
                rjd.upperAngle = (float) +0.9;
            } else {
                rjd.lowerAngle = (float) -0.9;
                rjd.upperAngle = (float) (-0.9 + 0.5);
            }
            legJoints[k] = (RevoluteJoint) world.createJoint(rjd);
            legs[k] = leg;
        }

        return advance(0, 0f, 0f).observation();
    }

    private static FixtureDef fixture(org.jbox2d.collision.shapes.Shape shape, float density, float friction) {
        FixtureDef def = new FixtureDef();
        def.shape = shape;
        def.density = density;
        def.friction = friction;
        return def;
    }


    @Override
    public StepResult step(float[] action) {
        if (lander == null) {
            throw new IllegalStateException("You forgot to call reset()");
        }
        if (continuous) {
            if (action == null || action.length != 2 || Float.isNaN(action[0]) || Float.isNaN(action[1])) {
                throw new IllegalArgumentException("action " + Arrays.toString(action) + " is not in "
                        + CONTINUOUS_ACTIONS + " (need 2 numbers; values outside [-1, 1] are clipped)");
            }
            // np.clip(action, -1, +1).astype(np.float64)
            return advance(0, Math.max(-1f, Math.min(1f, action[0])), Math.max(-1f, Math.min(1f, action[1])));
        }
        if (!DISCRETE_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action " + Arrays.toString(action) + " is not in " + DISCRETE_ACTIONS);
        }
        return advance((int) action[0], 0f, 0f);
    }

    /**
     * Gymnasium's {@code step}: wind, engine impulses, one world step, observation and reward.
     * {@code discrete} is used for the discrete env, {@code main}/{@code lateral} (already
     * clipped) for the continuous one.
     */
    private StepResult advance(int discrete, double main, double lateral) {
        // Update wind and apply to the lander
        if (enableWind && !(groundContact[0] || groundContact[1])) {
            // the function used for wind is tanh(sin(2 k x) + sin(pi k x)),
            // which is proven to never be periodic, k = 0.01
            double windMag = Math.tanh(Math.sin(0.02 * windIdx) + Math.sin(Math.PI * 0.01 * windIdx)) * windPower;
            windIdx += 1;
            force.set((float) windMag, 0f);
            lander.applyForceToCenter(force);

            double torqueMag = Math.tanh(Math.sin(0.02 * torqueIdx) + Math.sin(Math.PI * 0.01 * torqueIdx))
                    * turbulencePower;
            torqueIdx += 1;
            lander.applyTorque((float) torqueMag);
        }

        // Apply Engine Impulses

        // Tip is the (X and Y) components of the rotation of the lander.
        double angle = lander.getAngle();
        double tip0 = Math.sin(angle);
        double tip1 = Math.cos(angle);
        // Side is the (-Y and X) components of the rotation of the lander.
        double side0 = -tip1;
        double side1 = tip0;

        // Two random numbers between -1/SCALE and 1/SCALE, drawn whether or not an engine fires.
        dispersion[0] = npRandom().uniform(-1.0, +1.0) / SCALE;
        dispersion[1] = npRandom().uniform(-1.0, +1.0) / SCALE;

        double mPower = 0.0;
        if ((continuous && main > 0.0) || (!continuous && discrete == 2)) {
            // Main engine
            mPower = continuous ? (Math.min(main, 1.0) + 1.0) * 0.5 : 1.0; // 0.5..1.0

            // 4 is move a bit downwards, +-2 for randomness
            double ox = tip0 * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * dispersion[0]) + side0 * dispersion[1];
            double oy = -tip1 * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * dispersion[0]) - side1 * dispersion[1];
            Vec2 pos = lander.getPosition();
            impulsePos.set((float) (pos.x + ox), (float) (pos.y + oy));
            impulse.set((float) (-ox * MAIN_ENGINE_POWER * mPower), (float) (-oy * MAIN_ENGINE_POWER * mPower));
            lander.applyLinearImpulse(impulse, impulsePos);
        }

        double sPower = 0.0;
        if ((continuous && Math.abs(lateral) > 0.5) || (!continuous && (discrete == 1 || discrete == 3))) {
            // Orientation/Side engines
            double direction;
            if (continuous) {
                direction = Math.signum(lateral);
                sPower = Math.max(0.5, Math.min(Math.abs(lateral), 1.0));
            } else {
                // action = 1 is left, action = 3 is right
                direction = discrete - 2;
                sPower = 1.0;
            }
            double ox = tip0 * dispersion[0] + side0 * (3 * dispersion[1] + direction * SIDE_ENGINE_AWAY / SCALE);
            double oy = -tip1 * dispersion[0] - side1 * (3 * dispersion[1] + direction * SIDE_ENGINE_AWAY / SCALE);
            // Gymnasium uses 17 here where SIDE_ENGINE_HEIGHT (14) was presumably meant, which makes
            // the thrust position, hence the torque, depend on the lander's orientation.
            Vec2 pos = lander.getPosition();
            impulsePos.set((float) (pos.x + ox - tip0 * 17 / SCALE),
                    (float) (pos.y + oy + tip1 * SIDE_ENGINE_HEIGHT / SCALE));
            impulse.set((float) (-ox * SIDE_ENGINE_POWER * sPower), (float) (-oy * SIDE_ENGINE_POWER * sPower));
            lander.applyLinearImpulse(impulse, impulsePos);
        }

        world.step((float) (1.0 / FPS), 6 * 30, 2 * 30);

        Vec2 pos = lander.getPosition();
        Vec2 vel = lander.getLinearVelocity();
        double[] state = {
            (pos.x - VIEWPORT_W / SCALE / 2) / (VIEWPORT_W / SCALE / 2),
            (pos.y - (helipadY + LEG_DOWN / SCALE)) / (VIEWPORT_H / SCALE / 2),
            vel.x * (VIEWPORT_W / SCALE / 2) / FPS,
            vel.y * (VIEWPORT_H / SCALE / 2) / FPS,
            lander.getAngle(),
            20.0 * lander.getAngularVelocity() / FPS,
            groundContact[0] ? 1.0 : 0.0,
            groundContact[1] ? 1.0 : 0.0,
        };

        double reward = 0;
        double shaping = -100 * Math.sqrt(state[0] * state[0] + state[1] * state[1])
                - 100 * Math.sqrt(state[2] * state[2] + state[3] * state[3])
                - 100 * Math.abs(state[4])
                + 10 * state[6]
                + 10 * state[7]; // And ten points for legs contact, the idea is if you
        // lose contact again after landing, you get negative reward
        if (hasPrevShaping) {
            reward = shaping - prevShaping;
        }
        prevShaping = shaping;
        hasPrevShaping = true;

        reward -= mPower * 0.30; // less fuel spent is better, about -30 for heuristic landing
        reward -= sPower * 0.03;

        boolean terminated = false;
        if (gameOver || Math.abs(state[0]) >= 1.0) {
            terminated = true;
            reward = -100;
        }
        if (!lander.isAwake()) {
            terminated = true;
            reward = +100;
        }
        float[] obs = new float[state.length];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) state[i];
        }
        // truncated is the TimeLimit wrapper's business.
        return new StepResult(obs, reward, terminated, false);
    }

    /** Gymnasium's {@code ContactDetector}: a crash when the lander body touches, leg contacts. */
    private final class ContactDetector implements ContactListener {

        @Override
        public void beginContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            if (lander == a || lander == b) {
                gameOver = true;
            }
            for (int i = 0; i < 2; i++) {
                if (legs[i] == a || legs[i] == b) {
                    groundContact[i] = true;
                }
            }
        }

        @Override
        public void endContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            for (int i = 0; i < 2; i++) {
                if (legs[i] == a || legs[i] == b) {
                    groundContact[i] = false;
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

    /**
     * Gymnasium's 600×400 {@code rgb_array} frame: black sky above the white moon surface, the
     * helipad flags, and the lander with its legs (engine particles are not drawn).
     */
    @Override
    public RgbFrame render() {
        if (lander == null) {
            throw new IllegalStateException("Call reset before render.");
        }
        return LunarLanderFrames.draw(this);
    }

    // ---- state for render() and tests ---------------------------------------------------------

    Body lander() {
        return lander;
    }

    Body leg(int i) {
        return legs[i];
    }

    RevoluteJoint legJoint(int i) {
        return legJoints[i];
    }

    boolean groundContact(int i) {
        return groundContact[i];
    }

    boolean gameOver() {
        return gameOver;
    }

    double prevShaping() {
        return prevShaping;
    }

    long windIdx() {
        return windIdx;
    }

    long torqueIdx() {
        return torqueIdx;
    }

    double[] chunkHeightsRaw() {
        return chunkHeightsRaw.clone();
    }

    double[] chunkX() {
        return chunkX.clone();
    }

    double[] smoothY() {
        return smoothY.clone();
    }

    double helipadX1() {
        return helipadX1;
    }

    double helipadX2() {
        return helipadX2;
    }

    double helipadY() {
        return helipadY;
    }

    double[] initialForce() {
        return initialForce.clone();
    }

    /** The two dispersion values of the last step, already divided by SCALE. */
    double[] dispersion() {
        return dispersion.clone();
    }
}
