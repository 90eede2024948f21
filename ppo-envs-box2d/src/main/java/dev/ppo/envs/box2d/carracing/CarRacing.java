package dev.ppo.envs.box2d.carracing;

import dev.ppo.envs.box2d.Box2DWorld;
import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.envs.random.NpRandomEnv;
import dev.ppo.envs.random.Pcg64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;

/**
 * Gymnasium 1.3.0's {@code CarRacing} (CarRacing-v3 without its time limit; {@link CarRacingProvider}
 * adds the {@code TimeLimit} of 1000 steps, as {@code gymnasium.make} does).
 *
 * <p>A rear-wheel-drive car ({@link Car}) on a random closed track seen from above. The observation
 * is the 96×96 RGB view that follows the car, with the indicator bar at the bottom (true speed, four
 * ABS sensors, steering, gyroscope), as a flat {@code float[]} in HWC order with values 0..255.
 * Actions are {@code (steer, gas, brake)} in {@code [-1,1]×[0,1]×[0,1]}, or with
 * {@code continuous = false} one of 5: do nothing, steer right, steer left, gas, brake. The reward
 * is -0.1 per step plus 1000/N for each of the N track tiles on its first visit; the episode
 * terminates when every tile was visited, when the start tile is reached after more than
 * {@code lap_complete_percent} of the tiles, or with -100 when the car leaves the playfield.
 *
 * <p>Faithful to the Python code: the track is generated in float64 from a {@link Pcg64} in
 * Gymnasium's draw order (12 × (noise, radius) per attempt, retried until the loop closes, plus 7
 * colour draws first with {@code domain_randomize}), so {@code reset(seed)} builds Gymnasium's
 * track; the physics runs on JBox2D (float32, like Box2D 2.3 in pybox2d); {@code reset} ends with
 * one {@code step(None)}. Pixels are drawn with Java2D ({@link CarRacingRenderer}) and are close to,
 * not identical with, pygame's.
 *
 * <p>JBox2D's sine/cosine lookup table is switched off (a JVM-wide JBox2D setting) because its
 * 1e-4 error would rotate the car visibly differently from Box2D.
 */
public final class CarRacing extends NpRandomEnv {

    static final int STATE_W = 96; // less than Atari 160x192
    static final int STATE_H = 96;
    static final int VIDEO_W = 600;
    static final int VIDEO_H = 400;
    static final int WINDOW_W = 1000;
    static final int WINDOW_H = 800;

    static final double SCALE = 6.0; // Track scale
    static final double TRACK_RAD = 900 / SCALE; // Track is heavily morphed circle with this radius
    static final double PLAYFIELD = 2000 / SCALE; // Game over boundary
    static final int FPS = 50; // Frames per second
    static final double ZOOM = 2.7; // Camera zoom

    static final double TRACK_DETAIL_STEP = 21 / SCALE;
    static final double TRACK_TURN_RATE = 0.31;
    static final double TRACK_WIDTH = 40 / SCALE;
    static final double BORDER = 8 / SCALE;
    static final int BORDER_MIN_COUNT = 4;
    static final double GRASS_DIM = PLAYFIELD / 20.0;
    static final double MAX_SHAPE_DIM = Math.max(GRASS_DIM, Math.max(TRACK_WIDTH, TRACK_DETAIL_STEP))
            * Math.sqrt(2) * ZOOM * SCALE;

    private static final int CHECKPOINTS = 12;
    private static final Box OBSERVATION_SPACE;
    private static final Box CONTINUOUS_ACTIONS = Box.of(new float[] {-1, 0, 0}, new float[] {+1, +1, +1});
    private static final Discrete DISCRETE_ACTIONS = new Discrete(5);

    static {
        float[] low = new float[STATE_H * STATE_W * 3];
        float[] high = new float[low.length];
        Arrays.fill(high, 255f);
        OBSERVATION_SPACE = new Box(low, high, new int[] {STATE_H, STATE_W, 3});
    }

    /** A quad of the road drawing: a tile (whose colour array is the tile's own) or a red/white kerb. */
    record RoadPoly(double[][] vertices, double[] color) {
    }

    private final boolean continuous;
    private final boolean domainRandomize;
    private final double lapCompletePercent;

    double[] roadColor;
    double[] bgColor;
    double[] grassColor;

    private World world;
    Car car;
    List<double[]> track; // (alpha, beta, x, y) per tile
    final List<RoadPoly> roadPoly = new ArrayList<>();
    private final List<Tile> road = new ArrayList<>();
    double startAlpha;
    private int trackGenerationAttempts;

    double reward;
    private double prevReward;
    int tileVisitedCount;
    double t = Double.NaN; // NaN until reset, Python's missing self.t
    private boolean newLap;
    private float[] state;

    private final CarRacingRenderer renderer = new CarRacingRenderer(this);

    /** CarRacing with Gymnasium's defaults: continuous actions, fixed colours, lap complete at 95 %. */
    public CarRacing() {
        this(true, false, 0.95);
    }

    /**
     * @param continuous         Box(3) actions if true, Discrete(5) if false
     * @param domainRandomize    draw road, background and grass colours from the generator on every reset
     * @param lapCompletePercent fraction of tiles to visit before reaching the start tile ends the lap
     */
    public CarRacing(boolean continuous, boolean domainRandomize, double lapCompletePercent) {
        this.continuous = continuous;
        this.domainRandomize = domainRandomize;
        this.lapCompletePercent = lapCompletePercent;
        // _init_colors: with domain_randomize the colours are redrawn by every reset before use.
        roadColor = new double[] {102, 102, 102};
        bgColor = new double[] {102, 204, 102};
        grassColor = new double[] {102, 230, 102};
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return continuous ? CONTINUOUS_ACTIONS : DISCRETE_ACTIONS;
    }

    @Override
    protected float[] resetEpisode() {
        // Python reuses one b2World; a fresh one per episode gives the same bodies and joints
        // without the previous episode's broad-phase history.
        world = new Box2DWorld(new Vec2(0, 0));
        world.setContactListener(new FrictionDetector());
        road.clear();
        reward = 0.0;
        prevReward = 0.0;
        tileVisitedCount = 0;
        t = 0.0;
        newLap = false;
        roadPoly.clear();

        if (domainRandomize) {
            reinitColors();
        }

        trackGenerationAttempts = 0;
        while (true) {
            trackGenerationAttempts++;
            if (createTrack()) {
                break;
            }
        }
        double[] start = track.get(0);
        car = new Car(world, start[1], start[2], start[3]);
        return stepInternal(null).observation();
    }

    /** {@code _reinit_colors(randomize=True)}: 3 + 3 uniform draws and one integer. */
    private void reinitColors() {
        roadColor = npRandom().uniform(0, 210, 3);
        bgColor = npRandom().uniform(0, 210, 3);
        grassColor = bgColor.clone();
        int idx = (int) npRandom().integers(0, 3);
        grassColor[idx] += 20;
    }

    /** Gymnasium's {@code _create_track}; false when the attempt must be retried with fresh draws. */
    private boolean createTrack() {
        // Create checkpoints
        double[][] checkpoints = new double[CHECKPOINTS][];
        for (int c = 0; c < CHECKPOINTS; c++) {
            double noise = npRandom().uniform(0, 2 * Math.PI * 1 / CHECKPOINTS);
            double alpha = 2 * Math.PI * c / CHECKPOINTS + noise;
            double rad = npRandom().uniform(TRACK_RAD / 3, TRACK_RAD);

            if (c == 0) {
                alpha = 0;
                rad = 1.5 * TRACK_RAD;
            }
            if (c == CHECKPOINTS - 1) {
                alpha = 2 * Math.PI * c / CHECKPOINTS;
                startAlpha = 2 * Math.PI * (-0.5) / CHECKPOINTS;
                rad = 1.5 * TRACK_RAD;
            }
            checkpoints[c] = new double[] {alpha, rad * Math.cos(alpha), rad * Math.sin(alpha)};
        }
        roadPoly.clear();

        // Go from one checkpoint to another to create track
        double x = 1.5 * TRACK_RAD;
        double y = 0;
        double beta = 0;
        int destI = 0;
        int laps = 0;
        List<double[]> trk = new ArrayList<>();
        int noFreeze = 2500;
        boolean visitedOtherSide = false;
        while (true) {
            double alpha = Math.atan2(y, x);
            if (visitedOtherSide && alpha > 0) {
                laps++;
                visitedOtherSide = false;
            }
            if (alpha < 0) {
                visitedOtherSide = true;
                alpha += 2 * Math.PI;
            }

            double destX;
            double destY;
            while (true) { // Find destination from checkpoints
                boolean failed = true;
                double[] dest;
                while (true) {
                    dest = checkpoints[destI % CHECKPOINTS];
                    if (alpha <= dest[0]) {
                        failed = false;
                        break;
                    }
                    destI++;
                    if (destI % CHECKPOINTS == 0) {
                        break;
                    }
                }
                // Python keeps the last checkpoint looked at in dest_x, dest_y even when failing.
                destX = dest[1];
                destY = dest[2];
                if (!failed) {
                    break;
                }
                alpha -= 2 * Math.PI;
            }

            double r1x = Math.cos(beta);
            double r1y = Math.sin(beta);
            double p1x = -r1y;
            double p1y = r1x;
            double destDx = destX - x; // vector towards destination
            double destDy = destY - y;
            // destination vector projected on rad:
            double proj = r1x * destDx + r1y * destDy;
            while (beta - alpha > 1.5 * Math.PI) {
                beta -= 2 * Math.PI;
            }
            while (beta - alpha < -1.5 * Math.PI) {
                beta += 2 * Math.PI;
            }
            double prevBeta = beta;
            proj *= SCALE;
            if (proj > 0.3) {
                beta -= Math.min(TRACK_TURN_RATE, Math.abs(0.001 * proj));
            }
            if (proj < -0.3) {
                beta += Math.min(TRACK_TURN_RATE, Math.abs(0.001 * proj));
            }
            x += p1x * TRACK_DETAIL_STEP;
            y += p1y * TRACK_DETAIL_STEP;
            trk.add(new double[] {alpha, prevBeta * 0.5 + beta * 0.5, x, y});
            if (laps > 4) {
                break;
            }
            noFreeze--;
            if (noFreeze == 0) {
                break;
            }
        }

        // Find closed loop range i1..i2, first loop should be ignored, second is OK
        int i1 = -1;
        int i2 = -1;
        int i = trk.size();
        while (true) {
            i--;
            if (i == 0) {
                return false; // Failed
            }
            boolean passThroughStart = trk.get(i)[0] > startAlpha && trk.get(i - 1)[0] <= startAlpha;
            if (passThroughStart && i2 == -1) {
                i2 = i;
            } else if (passThroughStart && i1 == -1) {
                i1 = i;
                break;
            }
        }
        // track[i1 : i2 - 1]
        List<double[]> loop = new ArrayList<>(trk.subList(i1, Math.max(i1, i2 - 1)));
        if (loop.isEmpty()) {
            return false; // cannot happen for i1 < i2 - 1; Python would raise on track[0]
        }

        double firstBeta = loop.get(0)[1];
        double firstPerpX = Math.cos(firstBeta);
        double firstPerpY = Math.sin(firstBeta);
        // Length of perpendicular jump to put together head and tail
        double[] first = loop.get(0);
        double[] last = loop.get(loop.size() - 1);
        double gx = firstPerpX * (first[2] - last[2]);
        double gy = firstPerpY * (first[3] - last[3]);
        double wellGluedTogether = Math.sqrt(gx * gx + gy * gy);
        if (wellGluedTogether > TRACK_DETAIL_STEP) {
            return false;
        }

        int n = loop.size();
        // Red-white border on hard turns
        boolean[] border = new boolean[n];
        for (i = 0; i < n; i++) {
            boolean good = true;
            double oneside = 0;
            for (int neg = 0; neg < BORDER_MIN_COUNT; neg++) {
                double beta1 = at(loop, i - neg - 0)[1];
                double beta2 = at(loop, i - neg - 1)[1];
                good &= Math.abs(beta1 - beta2) > TRACK_TURN_RATE * 0.2;
                oneside += Math.signum(beta1 - beta2);
            }
            good &= Math.abs(oneside) == BORDER_MIN_COUNT;
            border[i] = good;
        }
        for (i = 0; i < n; i++) {
            for (int neg = 0; neg < BORDER_MIN_COUNT; neg++) {
                border[Math.floorMod(i - neg, n)] |= border[i];
            }
        }

        // Create tiles
        for (i = 0; i < n; i++) {
            double[] p1 = loop.get(i);
            double[] p2 = at(loop, i - 1);
            double beta1 = p1[1];
            double x1 = p1[2];
            double y1 = p1[3];
            double beta2 = p2[1];
            double x2 = p2[2];
            double y2 = p2[3];
            double[] road1L = {x1 - TRACK_WIDTH * Math.cos(beta1), y1 - TRACK_WIDTH * Math.sin(beta1)};
            double[] road1R = {x1 + TRACK_WIDTH * Math.cos(beta1), y1 + TRACK_WIDTH * Math.sin(beta1)};
            double[] road2L = {x2 - TRACK_WIDTH * Math.cos(beta2), y2 - TRACK_WIDTH * Math.sin(beta2)};
            double[] road2R = {x2 + TRACK_WIDTH * Math.cos(beta2), y2 + TRACK_WIDTH * Math.sin(beta2)};
            double[][] vertices = {road1L, road1R, road2R, road2L};

            double c = 0.01 * (i % 3) * 255;
            double[] color = {roadColor[0] + c, roadColor[1] + c, roadColor[2] + c};
            Tile tile = new Tile(i, color);
            tile.body = createTileBody(vertices, tile);
            roadPoly.add(new RoadPoly(vertices, tile.color));
            road.add(tile);
            if (border[i]) {
                double side = Math.signum(beta2 - beta1);
                double[] b1L = {x1 + side * TRACK_WIDTH * Math.cos(beta1), y1 + side * TRACK_WIDTH * Math.sin(beta1)};
                double[] b1R = {x1 + side * (TRACK_WIDTH + BORDER) * Math.cos(beta1),
                    y1 + side * (TRACK_WIDTH + BORDER) * Math.sin(beta1)};
                double[] b2L = {x2 + side * TRACK_WIDTH * Math.cos(beta2), y2 + side * TRACK_WIDTH * Math.sin(beta2)};
                double[] b2R = {x2 + side * (TRACK_WIDTH + BORDER) * Math.cos(beta2),
                    y2 + side * (TRACK_WIDTH + BORDER) * Math.sin(beta2)};
                roadPoly.add(new RoadPoly(new double[][] {b1L, b1R, b2R, b2L},
                        i % 2 == 0 ? new double[] {255, 255, 255} : new double[] {255, 0, 0}));
            }
        }
        track = loop;
        return true;
    }

    /** Python's {@code list[i]} for {@code -len <= i < len}. */
    private static double[] at(List<double[]> list, int i) {
        return list.get(i < 0 ? i + list.size() : i);
    }

    private Body createTileBody(double[][] vertices, Tile tile) {
        Vec2[] vs = new Vec2[vertices.length];
        for (int k = 0; k < vs.length; k++) {
            vs[k] = new Vec2((float) vertices[k][0], (float) vertices[k][1]);
        }
        PolygonShape shape = new PolygonShape();
        shape.set(vs, vs.length);
        FixtureDef fd = new FixtureDef();
        fd.shape = shape;
        fd.isSensor = true;
        BodyDef bd = new BodyDef();
        bd.type = BodyType.STATIC;
        Body body = world.createBody(bd);
        body.createFixture(fd);
        body.setUserData(tile);
        return body;
    }

    @Override
    public StepResult step(float[] action) {
        if (car == null) {
            throw new IllegalStateException("Call reset before using step method.");
        }
        if (action == null) {
            throw new IllegalArgumentException("action is null; it must be in " + actionSpace());
        }
        return stepInternal(action, true);
    }

    /** A step without drawing the 96×96 state pixels (the observation is null): physics and reward only. */
    @Override
    public StepResult stepUnobserved(float[] action) {
        if (car == null) {
            throw new IllegalStateException("Call reset before using step method.");
        }
        if (action == null) {
            throw new IllegalArgumentException("action is null; it must be in " + actionSpace());
        }
        return stepInternal(action, false);
    }

    private StepResult stepInternal(float[] action) {
        return stepInternal(action, true);
    }

    /**
     * Gymnasium's {@code step}; {@code action == null} is the no-action step that ends reset. Drawing
     * the state pixels changes no state, so an unobserved step may leave them out.
     */
    private StepResult stepInternal(float[] action, boolean observe) {
        if (action != null) {
            if (continuous) {
                if (action.length != 3 || Float.isNaN(action[0]) || Float.isNaN(action[1]) || Float.isNaN(action[2])) {
                    throw new IllegalArgumentException("action " + Arrays.toString(action) + " is not in " + CONTINUOUS_ACTIONS);
                }
                // Gymnasium does not clip: gas is clipped by the car, steer is bounded by the joint limits.
                car.steer(-(double) action[0]);
                car.gas(action[1]);
                car.brake(action[2]);
            } else {
                if (!DISCRETE_ACTIONS.contains(action)) {
                    throw new IllegalArgumentException("you passed the invalid action `" + Arrays.toString(action)
                            + "`. The supported action_space is `" + DISCRETE_ACTIONS + "`");
                }
                int a = (int) action[0];
                car.steer(-0.6 * (a == 1 ? 1 : 0) + 0.6 * (a == 2 ? 1 : 0));
                car.gas(0.2 * (a == 3 ? 1 : 0));
                car.brake(0.8 * (a == 4 ? 1 : 0));
            }
        }

        car.step(1.0 / FPS);
        world.step((float) (1.0 / FPS), 6 * 30, 2 * 30);
        t += 1.0 / FPS;

        state = observe ? renderer.statePixels() : null;

        double stepReward = 0;
        boolean terminated = false;
        Map<String, Object> info = Map.of();
        if (action != null) { // First step without action, called from reset()
            reward -= 0.1;
            // We actually don't want to count fuel spent, we want car to be faster.
            car.fuelSpent = 0.0;
            stepReward = reward - prevReward;
            prevReward = reward;
            if (tileVisitedCount == track.size() || newLap) {
                // Termination due to finishing lap
                terminated = true;
                info = Map.of("lap_finished", true);
            }
            Vec2 p = car.hull.getPosition();
            if (Math.abs(p.x) > PLAYFIELD || Math.abs(p.y) > PLAYFIELD) {
                terminated = true;
                info = Map.of("lap_finished", false);
                stepReward = -100;
            }
        }
        return new StepResult(state, stepReward, terminated, false, info);
    }

    /** The 600×400 {@code rgb_array} frame, with skid marks, as Gymnasium's {@code render()}. */
    @Override
    public RgbFrame render() {
        if (car == null) {
            throw new IllegalStateException("Call reset before render.");
        }
        return renderer.video();
    }

    /**
     * Gymnasium's {@code FrictionDetector}: tracks which tiles each wheel touches and pays for
     * first visits. Any contact with a tile (hull included) resets the tile's colour to the road colour.
     */
    private final class FrictionDetector implements ContactListener {

        @Override
        public void beginContact(Contact contact) {
            contact(contact, true);
        }

        @Override
        public void endContact(Contact contact) {
            contact(contact, false);
        }

        private void contact(Contact contact, boolean begin) {
            Tile tile = null;
            Object obj = null;
            Object u1 = contact.getFixtureA().getBody().getUserData();
            Object u2 = contact.getFixtureB().getBody().getUserData();
            if (u1 instanceof Tile t1) {
                tile = t1;
                obj = u2;
            }
            if (u2 instanceof Tile t2) {
                tile = t2;
                obj = u1;
            }
            if (tile == null) {
                return;
            }

            // inherit tile color from env
            System.arraycopy(roadColor, 0, tile.color, 0, 3);
            if (!(obj instanceof Car.Wheel wheel)) {
                return;
            }
            if (begin) {
                wheel.tiles.add(tile);
                if (!tile.roadVisited) {
                    tile.roadVisited = true;
                    reward += 1000.0 / track.size();
                    tileVisitedCount++;

                    // Lap is considered completed if enough % of the track was covered
                    if (tile.idx == 0 && (double) tileVisitedCount / track.size() > lapCompletePercent) {
                        newLap = true;
                    }
                }
            } else {
                wheel.tiles.remove(tile);
            }
        }

        @Override
        public void preSolve(Contact contact, Manifold oldManifold) {
        }

        @Override
        public void postSolve(Contact contact, ContactImpulse impulse) {
        }
    }

    // ---- accessors for tests and tools ----------------------------------------------------------

    /** The car; null before the first reset. */
    public Car car() {
        return car;
    }

    /** The track as Gymnasium's {@code self.track}: {@code (alpha, beta, x, y)} per tile. */
    public List<double[]> track() {
        return track;
    }

    /** The road tiles in track order. */
    public List<Tile> tiles() {
        return road;
    }

    /** How many track-generation attempts the last reset needed. */
    public int trackGenerationAttempts() {
        return trackGenerationAttempts;
    }

    /** Number of distinct tiles visited this episode. */
    public int tileVisitedCount() {
        return tileVisitedCount;
    }

    /** The cumulative reward (Gymnasium's {@code self.reward}). */
    public double totalReward() {
        return reward;
    }

    /** Seconds since reset ({@code self.t}). */
    public double time() {
        return t;
    }

    /** Whether the lap was completed ({@code self.new_lap}). */
    public boolean newLap() {
        return newLap;
    }

    /** Road, background and grass colours (float64 RGB, as numpy keeps them). */
    public double[][] colors() {
        return new double[][] {roadColor.clone(), bgColor.clone(), grassColor.clone()};
    }

    public boolean continuous() {
        return continuous;
    }

    public boolean domainRandomize() {
        return domainRandomize;
    }

    public double lapCompletePercent() {
        return lapCompletePercent;
    }
}
