package dev.ppo.envs.classic;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;
import dev.ppo.envs.random.NpRandomEnv;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Arc2D;
import java.util.Arrays;

/**
 * Gymnasium 1.3.0's {@code PendulumEnv} (Pendulum-v1 without its time limit; {@link PendulumProvider}
 * adds the {@code TimeLimit} of 200 steps, as {@code gymnasium.make} does).
 *
 * <p>A frictionless pendulum starts at a random angle and must be swung up and held upright by a
 * torque in [-2, 2]. The observation is {@code (cos θ, sin θ, θdot)}; the reward is
 * {@code -(normalize(θ)² + 0.1·θdot² + 0.001·u²)} with the clipped torque {@code u}. It never
 * terminates.
 *
 * <p>Actions: like Gymnasium, an out-of-range torque is clipped to [-2, 2] rather than rejected
 * (the runner samples unclipped Gaussian actions). An action of the wrong length or a NaN throws
 * {@link IllegalArgumentException}.
 *
 * <p>Precision: the state is float64 as in Python, with the same order of operations. Python
 * squares with {@code **2} (glibc {@code pow}); here {@code v*v} is used, the correctly rounded
 * square, which glibc's {@code pow(v, 2)} misses by one ulp in rare cases (no Java {@code pow}
 * reproduces that). On the golden files the state and observations are bit-identical to
 * Gymnasium's for all 600 steps and one reward is 2 ulps off. The torque {@code u} stays float32
 * until it meets float64 operands, as under NumPy 1.x promotion, so {@code u*u} is exact.
 */
public final class Pendulum extends NpRandomEnv {

    static final double MAX_SPEED = 8;
    static final double MAX_TORQUE = 2.0;
    static final double DT = 0.05;
    static final double M = 1.0;
    static final double L = 1.0;
    /** Default gravity, Gymnasium's {@code g=10.0}. */
    public static final double DEFAULT_G = 10.0;

    // reset draws theta in [-DEFAULT_X, DEFAULT_X] and theta_dot in [-DEFAULT_Y, DEFAULT_Y].
    private static final double DEFAULT_X = Math.PI;
    private static final double DEFAULT_Y = 1.0;

    private static final Box ACTION_SPACE = Box.of((float) -MAX_TORQUE, (float) MAX_TORQUE, 1);
    private static final Box OBSERVATION_SPACE = Box.of(
            new float[] {-1.0f, -1.0f, (float) -MAX_SPEED}, new float[] {1.0f, 1.0f, (float) MAX_SPEED});

    private final double g;
    private double[] state; // (theta, theta_dot) in float64; null before reset
    private float lastU = Float.NaN; // Gymnasium's last_u (None = NaN), for rendering

    /** Pendulum with the default gravity of 10.0. */
    public Pendulum() {
        this(DEFAULT_G);
    }

    /** @param g the acceleration of gravity, Gymnasium's {@code g} keyword argument */
    public Pendulum(double g) {
        if (!Double.isFinite(g)) {
            throw new IllegalArgumentException("g must be finite, got " + g);
        }
        this.g = g;
    }

    /** The acceleration of gravity. */
    public double g() {
        return g;
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    protected float[] resetEpisode() {
        // One vector-valued np_random.uniform(low=-high, high=high) call.
        state = npRandom().uniform(new double[] {-DEFAULT_X, -DEFAULT_Y}, new double[] {DEFAULT_X, DEFAULT_Y});
        lastU = Float.NaN;
        return observation();
    }

    @Override
    public StepResult step(float[] action) {
        if (action == null || action.length != 1 || Float.isNaN(action[0])) {
            throw new IllegalArgumentException("action " + Arrays.toString(action) + " is not in " + ACTION_SPACE);
        }
        if (state == null) {
            throw new IllegalStateException("Call reset before using step method.");
        }
        double th = state[0];
        double thdot = state[1];

        // np.clip on the float32 action stays float32; the arithmetic below widens it to float64
        // (NumPy 1.x promotes float32 scalar op Python scalar to float64).
        float u = Math.max((float) -MAX_TORQUE, Math.min((float) MAX_TORQUE, action[0]));
        lastU = u;
        double un = angleNormalize(th);
        double uD = u;
        double costs = un * un + 0.1 * (thdot * thdot) + 0.001 * (uD * uD);

        double newthdot = thdot + (3 * g / (2 * L) * Math.sin(th) + 3.0 / (M * (L * L)) * uD) * DT;
        newthdot = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, newthdot));
        double newth = th + newthdot * DT;
        state = new double[] {newth, newthdot};

        // Never terminates; truncated is the TimeLimit wrapper's business.
        return new StepResult(observation(), -costs, false, false);
    }

    /** {@code ((x + pi) % (2 pi)) - pi} with Python's floored modulo (the result takes the divisor's sign). */
    static double angleNormalize(double x) {
        double a = x + Math.PI;
        double b = 2 * Math.PI;
        double mod = a % b; // Java's % on doubles is C's fmod, as in NumPy's npy_divmod
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod - Math.PI;
    }

    /** A copy of the float64 internal state {@code (theta, theta_dot)}; null before reset. */
    public double[] state() {
        return state == null ? null : state.clone();
    }

    /** The clipped torque of the last step ({@code last_u}); NaN after reset. */
    public float lastU() {
        return lastU;
    }

    private float[] observation() {
        double theta = state[0];
        return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) state[1]};
    }

    /**
     * Gymnasium's 500×500 {@code rgb_array} drawing: a red rod from the centre, a black axle, and
     * (after a step) an arc arrow whose size shows the applied torque. Gymnasium blits a bitmap
     * arrow ({@code clockwise.png}) instead; this one is drawn.
     */
    @Override
    public RgbFrame render() {
        if (state == null) {
            throw new IllegalStateException("Call reset before render.");
        }
        int screenDim = 500;
        double bound = 2.2;
        double scale = screenDim / (bound * 2);
        int offset = screenDim / 2;
        double rodLength = 1 * scale;
        double rodWidth = 0.2 * scale;
        double angle = state[0] + Math.PI / 2;
        Color red = new Color(204, 77, 77);

        return Frames.draw(screenDim, screenDim, gr -> {
            double l = 0;
            double r = rodLength;
            double t = rodWidth / 2;
            double b = -rodWidth / 2;
            gr.setColor(red);
            gr.fill(Frames.polygon(new double[][] {{l, b}, {l, t}, {r, t}, {r, b}}, angle, offset, offset));
            Frames.fillCircle(gr, offset, offset, (int) (rodWidth / 2));
            int endX = (int) (rodLength * Math.cos(angle) + offset);
            int endY = (int) (rodLength * Math.sin(angle) + offset);
            Frames.fillCircle(gr, endX, endY, (int) (rodWidth / 2));

            if (!Float.isNaN(lastU) && lastU != 0) {
                double size = scale * Math.abs(lastU) / 2;
                gr.setColor(Color.BLACK);
                gr.setStroke(new BasicStroke((float) Math.max(2, size / 12)));
                // A 270° arc, counter-clockwise for a positive torque.
                double start = lastU > 0 ? 0 : 180;
                double extent = lastU > 0 ? 270 : -270;
                gr.draw(new Arc2D.Double(offset - size / 2, offset - size / 2, size, size, start, extent, Arc2D.OPEN));
            }

            gr.setColor(Color.BLACK);
            Frames.fillCircle(gr, offset, offset, (int) (0.05 * scale));
        });
    }
}
