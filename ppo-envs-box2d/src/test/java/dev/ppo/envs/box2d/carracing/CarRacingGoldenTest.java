package dev.ppo.envs.box2d.carracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ppo.api.env.StepResult;
import dev.ppo.envs.random.Pcg64;
import dev.ppo.envs.testing.GoldenFiles;
import java.util.List;
import org.jbox2d.dynamics.Body;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays Gymnasium 1.3.0's CarRacing-v3 golden files (seeds 0-2, continuous and discrete; 120
 * steps each, recorded with pybox2d 2.3.10 and pygame 2.1.2).
 *
 * <p>Steps followed for each file:
 * <ol>
 *   <li>{@code reset(seed)} with Java's own {@link Pcg64}. The recorded {@code rng_draws} are replayed
 *       on a fresh generator and must give the same values, and the env's generator must end in the
 *       same state, so the env made exactly Gymnasium's draws in Gymnasium's order. The track
 *       ({@code alpha, beta, x, y} per tile), the number of attempts, the road polygons with their
 *       colours and the car spawn must match to {@value #TRACK_TOL} (the track is float64 arithmetic
 *       on the same draws; only libm's last bits could differ; measured: at most 8.9e-16).</li>
 *   <li>The state after reset (which ends with one no-action step) and after each recorded action is
 *       compared: hull and wheel position, angle, velocities, the wheels' {@code omega},
 *       {@code phase} and joint angle. JBox2D is float32 like Box2D but not bit-identical to Box2D
 *       2.3, so a few float32 ulps appear from the first step on (the first step pulls the wheels
 *       onto their joint anchors with 60 position iterations). Measured over all 6 files: positions
 *       and angles within 6.1e-5 (4 ulps at |x| ≈ 220), linear and angular velocities within 2.0e-4,
 *       omega and phase within 6.6e-5. The tolerances are 10× to 16× that.</li>
 *   <li>Controller inputs ({@code gas, brake, steer}) are float64 functions of the action and
 *       must be equal; {@code tile_visited_count}, {@code terminated}, {@code truncated} must be equal;
 *       rewards and the cumulative reward within {@value #REWARD_TOL} (measured: equal).</li>
 *   <li>Pixels: pygame's rasteriser and smoothscale are not reproduced bit for bit, so the mean of
 *       each RGB channel must be within {@value #CHANNEL_MEAN_TOL} of {@code obs_channel_mean}
 *       (measured: at most 0.42), and on the full frames recorded at t = 0, 1, 50, 100 the mean
 *       absolute pixel difference must be below {@value #PIXEL_MAE_TOL} (measured: at most 0.81; the
 *       differences sit on polygon edges and in the reward text).</li>
 * </ol>
 */
class CarRacingGoldenTest {

    static final double TRACK_TOL = 1e-12;
    static final double POSITION_TOL = 1e-3;
    static final double VELOCITY_TOL = 2e-3;
    static final double WHEEL_SPIN_TOL = 1e-3;
    static final double REWARD_TOL = 1e-9;
    static final double CHANNEL_MEAN_TOL = 1.5;
    static final double PIXEL_MAE_TOL = 2.0;

    private double maxPose;
    private double maxVelocity;
    private double maxSpin;
    private double maxReward;
    private double maxChannelMean;
    private double maxPixelMae;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "carracing-v3_seed0.jsonl",
        "carracing-v3_seed1.jsonl",
        "carracing-v3_seed2.jsonl",
        "carracing-v3-discrete_seed0.jsonl",
        "carracing-v3-discrete_seed1.jsonl",
        "carracing-v3-discrete_seed2.jsonl",
    })
    void replay(String file) {
        List<JsonNode> lines = GoldenFiles.lines(file);
        JsonNode header = lines.get(0);
        assertThat(header.get("env_id").asText()).isEqualTo("CarRacing-v3");
        JsonNode initial = header.get("initial_state");
        boolean continuous = initial.get("env_params").get("continuous").asBoolean();
        long seed = header.get("seed").asLong();

        CarRacing env = new CarRacing(continuous, false, initial.get("env_params").get("lap_complete_percent").asDouble());
        float[] obs = env.reset(seed);

        checkDraws(env, seed, lines.get(1).get("rng_draws"));
        checkTrack(env, initial);
        checkState(env, lines.get(1), 0);
        checkPixels(obs, lines.get(1), 0);

        int steps = 0;
        for (JsonNode line : lines.subList(2, lines.size())) {
            int t = line.get("t").asInt();
            JsonNode a = line.get("action");
            float[] action = continuous
                    ? new float[] {(float) a.get(0).doubleValue(), (float) a.get(1).doubleValue(), (float) a.get(2).doubleValue()}
                    : new float[] {a.asInt()};
            StepResult result = env.step(action);

            assertThat(result.reward()).as("reward at t=%d", t).isCloseTo(line.get("reward").doubleValue(), within(REWARD_TOL));
            maxReward = Math.max(maxReward, Math.abs(result.reward() - line.get("reward").doubleValue()));
            assertThat(result.terminated()).as("terminated at t=%d", t).isEqualTo(line.get("terminated").asBoolean());
            assertThat(result.truncated()).as("truncated at t=%d", t).isEqualTo(line.get("truncated").asBoolean());
            if (line.get("info").has("lap_finished")) {
                assertThat(result.info()).containsEntry("lap_finished", line.get("info").get("lap_finished").asBoolean());
            }
            checkState(env, line, t);
            checkPixels(result.observation(), line, t);
            steps++;
        }
        assertThat(steps).isEqualTo(header.get("n_steps").asInt());
        System.out.printf("%s: %d steps; max |error| pose %.2g, velocity %.2g, omega/phase %.2g, reward %.2g, "
                + "channel mean %.2f, pixel MAE %.2f%n", file, steps, maxPose, maxVelocity, maxSpin, maxReward,
                maxChannelMean, maxPixelMae);
    }

    /** The env drew exactly the recorded values, and nothing more. */
    private static void checkDraws(CarRacing env, long seed, JsonNode draws) {
        Pcg64 expected = new Pcg64(seed);
        for (JsonNode draw : draws) {
            assertThat(draw.get("fn").asText()).isEqualTo("uniform");
            double value = expected.uniform(draw.get("args").get(0).doubleValue(), draw.get("args").get(1).doubleValue());
            assertThat(value).isEqualTo(draw.get("result").doubleValue());
        }
        assertThat(env.npRandom().state()).as("generator state after reset").containsExactly(expected.state());
    }

    private static void checkTrack(CarRacing env, JsonNode initial) {
        assertThat(env.trackGenerationAttempts()).isEqualTo(initial.get("track_generation_attempts").asInt());
        assertThat(env.track()).hasSize(initial.get("n_tiles").asInt());
        for (int i = 0; i < env.track().size(); i++) {
            double[] expected = GoldenFiles.doubles(initial.get("track").get(i));
            double[] actual = env.track().get(i);
            for (int k = 0; k < 4; k++) {
                assertThat(actual[k]).as("track[%d][%d]", i, k).isCloseTo(expected[k], within(TRACK_TOL));
            }
        }
        JsonNode roadPoly = initial.get("road_poly");
        assertThat(env.roadPoly).hasSize(roadPoly.size());
        for (int i = 0; i < roadPoly.size(); i++) {
            JsonNode poly = roadPoly.get(i);
            CarRacing.RoadPoly actual = env.roadPoly.get(i);
            // the recorded colours are taken after reset's step, when touched tiles are already recoloured
            assertThat(actual.color()).as("road_poly[%d] colour", i).containsExactly(GoldenFiles.doubles(poly.get("color")));
            for (int v = 0; v < 4; v++) {
                double[] expected = GoldenFiles.doubles(poly.get("vertices").get(v));
                assertThat(actual.vertices()[v][0]).isCloseTo(expected[0], within(TRACK_TOL));
                assertThat(actual.vertices()[v][1]).isCloseTo(expected[1], within(TRACK_TOL));
            }
        }
        JsonNode spawn = initial.get("car_spawn");
        assertThat(env.track().get(0)[1]).isCloseTo(spawn.get("init_angle").doubleValue(), within(TRACK_TOL));
        assertThat(env.track().get(0)[2]).isCloseTo(spawn.get("x").doubleValue(), within(TRACK_TOL));
        assertThat(env.track().get(0)[3]).isCloseTo(spawn.get("y").doubleValue(), within(TRACK_TOL));
    }

    private void checkState(CarRacing env, JsonNode line, int t) {
        JsonNode state = line.get("state");
        checkBody(env.car().hull(), state.get("hull"), "hull", t);
        for (int i = 0; i < 4; i++) {
            Car.Wheel wheel = env.car().wheels().get(i);
            JsonNode expected = state.get("wheels").get(i);
            String what = "wheel " + i;
            checkBody(wheel.body(), expected, what, t);
            spin(wheel.omega(), expected.get("omega").doubleValue(), what + " omega", t);
            spin(wheel.phase(), expected.get("phase").doubleValue(), what + " phase", t);
            pose(wheel.joint().getJointAngle(), expected.get("joint_angle").doubleValue(), what + " joint_angle", t);
            assertThat(wheel.gas()).as("%s gas at t=%d", what, t).isEqualTo(expected.get("gas").doubleValue());
            assertThat(wheel.brake()).as("%s brake at t=%d", what, t).isEqualTo(expected.get("brake").doubleValue());
            assertThat(wheel.steer()).as("%s steer at t=%d", what, t).isEqualTo(expected.get("steer").doubleValue());
        }
        assertThat(env.tileVisitedCount()).as("tile_visited_count at t=%d", t).isEqualTo(state.get("tile_visited_count").asInt());
        assertThat(env.totalReward()).as("reward_total at t=%d", t)
                .isCloseTo(state.get("reward_total").doubleValue(), within(REWARD_TOL));
        assertThat(env.newLap()).isEqualTo(state.get("new_lap").asBoolean());
        assertThat(env.time()).isCloseTo(state.get("t").doubleValue(), within(1e-12));
    }

    private void checkBody(Body body, JsonNode expected, String what, int t) {
        double[] position = GoldenFiles.doubles(expected.get("position"));
        double[] velocity = GoldenFiles.doubles(expected.get("linearVelocity"));
        pose(body.getPosition().x, position[0], what + " x", t);
        pose(body.getPosition().y, position[1], what + " y", t);
        pose(body.getAngle(), expected.get("angle").doubleValue(), what + " angle", t);
        velocity(body.getLinearVelocity().x, velocity[0], what + " vx", t);
        velocity(body.getLinearVelocity().y, velocity[1], what + " vy", t);
        velocity(body.getAngularVelocity(), expected.get("angularVelocity").doubleValue(), what + " omega", t);
    }

    private void pose(double actual, double expected, String what, int t) {
        assertThat(actual).as("%s at t=%d", what, t).isCloseTo(expected, within(POSITION_TOL));
        maxPose = Math.max(maxPose, Math.abs(actual - expected));
    }

    private void velocity(double actual, double expected, String what, int t) {
        assertThat(actual).as("%s at t=%d", what, t).isCloseTo(expected, within(VELOCITY_TOL));
        maxVelocity = Math.max(maxVelocity, Math.abs(actual - expected));
    }

    private void spin(double actual, double expected, String what, int t) {
        assertThat(actual).as("%s at t=%d", what, t).isCloseTo(expected, within(WHEEL_SPIN_TOL));
        maxSpin = Math.max(maxSpin, Math.abs(actual - expected));
    }

    private void checkPixels(float[] obs, JsonNode line, int t) {
        assertThat(obs).hasSize(96 * 96 * 3);
        double[] mean = new double[3];
        for (int i = 0; i < obs.length; i++) {
            mean[i % 3] += obs[i];
        }
        double[] expected = GoldenFiles.doubles(line.get("obs_channel_mean"));
        for (int c = 0; c < 3; c++) {
            mean[c] /= 96 * 96;
            assertThat(mean[c]).as("obs_channel_mean[%d] at t=%d", c, t).isCloseTo(expected[c], within(CHANNEL_MEAN_TOL));
            maxChannelMean = Math.max(maxChannelMean, Math.abs(mean[c] - expected[c]));
        }
        if (line.has("obs_raw")) {
            JsonNode raw = line.get("obs_raw");
            double sum = 0;
            for (int i = 0; i < obs.length; i++) {
                sum += Math.abs(obs[i] - raw.get(i).asInt());
            }
            double mae = sum / obs.length;
            assertThat(mae).as("mean |pixel error| at t=%d", t).isLessThan(PIXEL_MAE_TOL);
            maxPixelMae = Math.max(maxPixelMae, mae);
        }
    }
}
