package dev.ppo.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.envs.random.Pcg64;
import org.junit.jupiter.api.Test;

/** Spaces, seeding, invalid actions, stepping past the end, and render. */
class EnvBehaviourTest {

    @Test
    void cartPoleSpacesAreGymnasiums() {
        CartPole env = new CartPole();
        assertThat(env.actionSpace().toString()).isEqualTo("Discrete(2)");
        Box obs = (Box) env.observationSpace();
        assertThat(obs.high()).containsExactly(4.8f, Float.POSITIVE_INFINITY, 0.41887903f, Float.POSITIVE_INFINITY);
        assertThat(obs.low()).containsExactly(-4.8f, Float.NEGATIVE_INFINITY, -0.41887903f, Float.NEGATIVE_INFINITY);
    }

    @Test
    void pendulumSpacesAreGymnasiums() {
        Pendulum env = new Pendulum();
        assertThat(env.actionSpace()).isEqualTo(Box.of(-2f, 2f, 1));
        assertThat(env.observationSpace()).isEqualTo(Box.of(new float[] {-1, -1, -8}, new float[] {1, 1, 8}));
    }

    @Test
    void seededResetIsReproducibleAndUnseededResetContinuesTheStream() {
        CartPole env = new CartPole();
        float[] first = env.reset(123);
        float[] second = env.reset();
        assertThat(env.reset(123)).containsExactly(first);

        // default_rng(123).uniform(-0.05, 0.05, 4) twice: the second reset takes draws 4..7.
        Pcg64 rng = new Pcg64(123);
        rng.uniform(-0.05, 0.05, 4);
        double[] next = rng.uniform(-0.05, 0.05, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(second[i]).isEqualTo((float) next[i]);
        }

        Pendulum pendulum = new Pendulum();
        float[] p = pendulum.reset(5);
        pendulum.reset();
        assertThat(pendulum.reset(5)).containsExactly(p);
    }

    @Test
    void resetWithoutSeedWorksFromEntropy() {
        CartPole env = new CartPole();
        assertThat(env.observationSpace().contains(env.reset())).isTrue();
        Pendulum pendulum = new Pendulum();
        assertThat(pendulum.observationSpace().contains(pendulum.reset())).isTrue();
    }

    @Test
    void cartPoleRejectsActionsOutsideDiscrete2() {
        CartPole env = new CartPole();
        env.reset(0);
        for (float[] bad : new float[][] {{2}, {-1}, {0.5f}, {Float.NaN}, {0, 1}, {}}) {
            assertThatThrownBy(() -> env.step(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Discrete(2)")
                    .hasMessageContaining(java.util.Arrays.toString(bad));
        }
        assertThatThrownBy(() -> env.step(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null").hasMessageContaining("Discrete(2)");
    }

    @Test
    void pendulumClipsTorqueButRejectsMalformedActions() {
        Pendulum clipped = new Pendulum();
        Pendulum atLimit = new Pendulum();
        clipped.reset(1);
        atLimit.reset(1);
        StepResult a = clipped.step(new float[] {7.5f});
        StepResult b = atLimit.step(new float[] {2f});
        assertThat(a.reward()).isEqualTo(b.reward());
        assertThat(a.observation()).containsExactly(b.observation());
        assertThat(clipped.lastU()).isEqualTo(2f);

        for (float[] bad : new float[][] {{Float.NaN}, {0, 1}, {}}) {
            assertThatThrownBy(() -> clipped.step(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Box(");
        }
    }

    @Test
    void stepBeforeResetThrows() {
        assertThatThrownBy(() -> new CartPole().step(new float[] {1})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Pendulum().step(new float[] {1})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cartPoleStepAfterTerminationFollowsGymnasium() {
        CartPole env = new CartPole();
        env.reset(0);
        StepResult result;
        int steps = 0;
        do {
            result = env.step(new float[] {1});
            steps++;
        } while (!result.terminated());
        assertThat(result.reward()).isEqualTo(1.0);
        assertThat(steps).isLessThan(100);

        StepResult after = env.step(new float[] {1});
        assertThat(after.terminated()).isTrue();
        assertThat(after.reward()).isEqualTo(0.0);
        assertThat(env.step(new float[] {0}).reward()).isEqualTo(0.0);
    }

    @Test
    void suttonBartoReward() {
        CartPole env = new CartPole(true);
        env.reset(0);
        StepResult result;
        do {
            result = env.step(new float[] {0});
            if (!result.terminated()) {
                assertThat(result.reward()).isEqualTo(0.0);
            }
        } while (!result.terminated());
        assertThat(result.reward()).isEqualTo(-1.0);
    }

    @Test
    void angleNormalizeUsesPythonsFlooredModulo() {
        assertThat(Pendulum.angleNormalize(0.0)).isEqualTo(0.0);
        assertThat(Pendulum.angleNormalize(-Math.PI - 0.5)).isCloseTo(Math.PI - 0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Pendulum.angleNormalize(3 * Math.PI + 0.25)).isCloseTo(-Math.PI + 0.25, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void renderDrawsGymnasiumSizedFrames() {
        CartPole cartPole = new CartPole();
        assertThatThrownBy(cartPole::render).isInstanceOf(IllegalStateException.class);
        cartPole.reset(0);
        RgbFrame frame = cartPole.render();
        assertThat(frame.width()).isEqualTo(600);
        assertThat(frame.height()).isEqualTo(400);
        // Corner is background white; the cart (black) is near the centre, 100 px above the bottom edge.
        assertThat(rgb(frame, 0, 0)).containsExactly(255, 255, 255);
        int cartX = (int) (cartPole.state()[0] * 125 + 300);
        assertThat(rgb(frame, cartX - 20, 400 - 100 - 5)).containsExactly(0, 0, 0);

        Pendulum pendulum = new Pendulum();
        pendulum.reset(0);
        pendulum.step(new float[] {1});
        RgbFrame p = pendulum.render();
        assertThat(p.width()).isEqualTo(500);
        assertThat(p.height()).isEqualTo(500);
        assertThat(rgb(p, 250, 250)).containsExactly(0, 0, 0); // the axle
    }

    private static int[] rgb(RgbFrame frame, int x, int y) {
        return new int[] {frame.channel(x, y, 0), frame.channel(x, y, 1), frame.channel(x, y, 2)};
    }
}
