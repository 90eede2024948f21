package dev.ppo.envs.classic;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.envs.random.NpRandomEnv;
import dev.ppo.envs.random.Pcg64;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.util.Arrays;

/**
 * Gymnasium 1.3.0's {@code CartPoleEnv} (CartPole-v1 without its time limit; {@link CartPoleProvider}
 * adds the {@code TimeLimit} of 500 steps, as {@code gymnasium.make} does).
 *
 * <p>A pole stands on a cart moving along a frictionless track; action 0 pushes the cart left and 1
 * pushes it right with a force of 10 N. The observation is {@code (x, x_dot, theta, theta_dot)}.
 * The episode terminates when |x| &gt; 2.4 or |theta| &gt; 12°.
 *
 * <p>Faithful to the Python code: the state is float64 and integrated with explicit Euler (tau
 * 0.02), termination is tested on the float64 state, and the observation is the state rounded to
 * float32. {@code reset(seed)} draws the initial state from {@link Pcg64} exactly as
 * {@code np_random.uniform(-0.05, 0.05, size=4)}, so it reproduces Gymnasium's initial state for the
 * same seed.
 *
 * <p>Stepping after {@code terminated} follows Gymnasium too: the dynamics keep running, the step
 * reports {@code terminated = true} with reward 0 (-1 with {@code sutton_barto_reward}), and a
 * warning is logged once per episode. (The runner resets instead.)
 */
public final class CartPole extends NpRandomEnv {

    // Constants of CartPoleEnv.__init__, in its order of evaluation.
    static final double GRAVITY = 9.8;
    static final double MASSCART = 1.0;
    static final double MASSPOLE = 0.1;
    static final double TOTAL_MASS = MASSPOLE + MASSCART;
    static final double LENGTH = 0.5; // actually half the pole's length
    static final double POLEMASS_LENGTH = MASSPOLE * LENGTH;
    static final double FORCE_MAG = 10.0;
    static final double TAU = 0.02; // seconds between state updates
    static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    static final double X_THRESHOLD = 2.4;

    private static final System.Logger LOG = System.getLogger(CartPole.class.getName());

    private static final Discrete ACTION_SPACE = new Discrete(2);
    // Gymnasium 1.x bounds the velocities with +-inf (0.x used float32 max).
    private static final Box OBSERVATION_SPACE = Box.of(
            new float[] {(float) -(X_THRESHOLD * 2), Float.NEGATIVE_INFINITY,
                (float) -(THETA_THRESHOLD_RADIANS * 2), Float.NEGATIVE_INFINITY},
            new float[] {(float) (X_THRESHOLD * 2), Float.POSITIVE_INFINITY,
                (float) (THETA_THRESHOLD_RADIANS * 2), Float.POSITIVE_INFINITY});

    private final boolean suttonBartoReward;
    private double[] state; // (x, x_dot, theta, theta_dot) in float64; null before reset
    private int stepsBeyondTerminated = -1; // Gymnasium's steps_beyond_terminated; -1 is None

    /** CartPole with the default reward (+1 every step, including the terminating one). */
    public CartPole() {
        this(false);
    }

    /**
     * @param suttonBartoReward Gymnasium's {@code sutton_barto_reward}: reward 0 per step and -1 on
     *                          termination instead of +1 per step
     */
    public CartPole(boolean suttonBartoReward) {
        this.suttonBartoReward = suttonBartoReward;
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
        state = npRandom().uniform(-0.05, 0.05, 4);
        stepsBeyondTerminated = -1;
        return observation();
    }

    @Override
    public StepResult step(float[] action) {
        if (!ACTION_SPACE.contains(action)) {
            throw new IllegalArgumentException("action " + Arrays.toString(action) + " is not in " + ACTION_SPACE);
        }
        if (state == null) {
            throw new IllegalStateException("Call reset before using step method.");
        }
        double x = state[0];
        double xDot = state[1];
        double theta = state[2];
        double thetaDot = state[3];
        double force = action[0] == 1 ? FORCE_MAG : -FORCE_MAG;
        double costheta = Math.cos(theta);
        double sintheta = Math.sin(theta);

        // https://coneural.org/florian/papers/05_cart_pole.pdf. np.square(v) is v*v exactly; same
        // association as the Python expressions so every rounding matches.
        double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
        double thetaacc = (GRAVITY * sintheta - costheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASSPOLE * (costheta * costheta) / TOTAL_MASS));
        double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;

        // kinematics_integrator == "euler"
        x = x + TAU * xDot;
        xDot = xDot + TAU * xacc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaacc;
        state = new double[] {x, xDot, theta, thetaDot};

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;

        double reward;
        if (!terminated) {
            reward = suttonBartoReward ? 0.0 : 1.0;
        } else if (stepsBeyondTerminated < 0) {
            // Pole just fell!
            stepsBeyondTerminated = 0;
            reward = suttonBartoReward ? -1.0 : 1.0;
        } else {
            if (stepsBeyondTerminated == 0) {
                LOG.log(System.Logger.Level.WARNING, "You are calling 'step()' even though this environment has "
                        + "already returned terminated = True. You should always call 'reset()' once you receive "
                        + "'terminated = True' -- any further steps are undefined behavior.");
            }
            stepsBeyondTerminated++;
            reward = suttonBartoReward ? -1.0 : 0.0;
        }
        // truncated is the TimeLimit wrapper's business.
        return new StepResult(observation(), reward, terminated, false);
    }

    /** A copy of the float64 internal state {@code (x, x_dot, theta, theta_dot)}; null before reset. */
    public double[] state() {
        return state == null ? null : state.clone();
    }

    private float[] observation() {
        return new float[] {(float) state[0], (float) state[1], (float) state[2], (float) state[3]};
    }

    /**
     * Gymnasium's 600×400 {@code rgb_array} drawing: a black cart on a black track line, a brown
     * pole and a blue-grey axle. Shapes are anti-aliased by Java2D, so pixels differ slightly from
     * pygame's.
     */
    @Override
    public RgbFrame render() {
        if (state == null) {
            throw new IllegalStateException("Call reset before render.");
        }
        int screenWidth = 600;
        int screenHeight = 400;
        double worldWidth = X_THRESHOLD * 2;
        double scale = screenWidth / worldWidth;
        double polewidth = 10.0;
        double polelen = scale * (2 * LENGTH);
        double cartwidth = 50.0;
        double cartheight = 30.0;

        return Frames.draw(screenWidth, screenHeight, g -> {
            double l = -cartwidth / 2;
            double r = cartwidth / 2;
            double t = cartheight / 2;
            double b = -cartheight / 2;
            double axleoffset = cartheight / 4.0;
            double cartx = state[0] * scale + screenWidth / 2.0; // middle of cart
            double carty = 100; // top of cart
            g.setColor(Color.BLACK);
            g.fill(Frames.polygon(new double[][] {{l, b}, {l, t}, {r, t}, {r, b}}, 0, cartx, carty));

            double pl = -polewidth / 2;
            double pr = polewidth / 2;
            double pt = polelen - polewidth / 2;
            double pb = -polewidth / 2;
            Path2D pole = Frames.polygon(new double[][] {{pl, pb}, {pl, pt}, {pr, pt}, {pr, pb}},
                    -state[2], cartx, carty + axleoffset);
            g.setColor(new Color(202, 152, 101));
            g.fill(pole);

            g.setColor(new Color(129, 132, 203));
            Frames.fillCircle(g, (int) cartx, (int) (carty + axleoffset), (int) (polewidth / 2));

            g.setColor(Color.BLACK);
            g.drawLine(0, (int) carty, screenWidth, (int) carty);
        });
    }
}
