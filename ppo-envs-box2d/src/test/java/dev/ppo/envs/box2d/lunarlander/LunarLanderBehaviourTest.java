package dev.ppo.envs.box2d.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import org.jbox2d.common.Vec2;
import org.junit.jupiter.api.Test;

/** Spaces, action checks, clipping, seeding, parameters and render(). */
class LunarLanderBehaviourTest {

    @Test
    void spacesAreGymnasiums() {
        LunarLander discrete = new LunarLander();
        assertThat(discrete.actionSpace()).isEqualTo(new Discrete(4));
        Box obs = (Box) discrete.observationSpace();
        assertThat(obs.low()).containsExactly(-2.5f, -2.5f, -10f, -10f, -6.2831855f, -10f, -0f, -0f);
        assertThat(obs.high()).containsExactly(2.5f, 2.5f, 10f, 10f, 6.2831855f, 10f, 1f, 1f);
        LunarLander continuous = new LunarLander(true, -10, false, 15, 1.5);
        assertThat(continuous.actionSpace()).isEqualTo(Box.of(-1f, 1f, 2));
        assertThat(continuous.observationSpace()).isEqualTo(obs);
    }

    @Test
    void invalidActionsNameTheValueAndTheSpace() {
        LunarLander env = new LunarLander();
        env.reset(0);
        assertThatThrownBy(() -> env.step(new float[] {4})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4.0]").hasMessageContaining("Discrete(4)");
        assertThatThrownBy(() -> env.step(new float[] {1.5f})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> env.step(new float[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> env.step(null)).isInstanceOf(IllegalArgumentException.class);

        LunarLander continuous = new LunarLander(true, -10, false, 15, 1.5);
        continuous.reset(0);
        assertThatThrownBy(() -> continuous.step(new float[] {0.5f})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0.5]").hasMessageContaining("Box(");
        assertThatThrownBy(() -> continuous.step(new float[] {Float.NaN, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void stepBeforeResetIsAnError() {
        assertThatThrownBy(() -> new LunarLander().step(new float[] {0})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void continuousActionsOutsideTheBoxAreClipped() {
        LunarLander clipped = new LunarLander(true, -10, false, 15, 1.5);
        LunarLander inside = new LunarLander(true, -10, false, 15, 1.5);
        clipped.reset(3);
        inside.reset(3);
        float[][] wild = {{7f, -3f}, {-20f, 2.5f}, {1.01f, 0.2f}};
        float[][] tame = {{1f, -1f}, {-1f, 1f}, {1f, 0.2f}};
        for (int i = 0; i < wild.length; i++) {
            StepResult a = clipped.step(wild[i]);
            StepResult b = inside.step(tame[i]);
            assertThat(a.observation()).containsExactly(b.observation());
            assertThat(a.reward()).isEqualTo(b.reward());
        }
    }

    @Test
    void sameSeedSameEpisodeAndUnseededResetContinuesTheStream() {
        LunarLander a = new LunarLander();
        LunarLander b = new LunarLander();
        assertThat(a.reset(42)).containsExactly(b.reset(42));
        for (int t = 0; t < 30; t++) {
            float[] action = {t % 4};
            assertThat(a.step(action).observation()).containsExactly(b.step(action).observation());
        }
        float[] next = a.reset();
        assertThat(next).containsExactly(b.reset());
        LunarLander fresh = new LunarLander();
        fresh.reset(42);
        assertThat(a.chunkHeightsRaw()).isNotEqualTo(fresh.chunkHeightsRaw());
        assertThat(new LunarLander().reset()).hasSize(8); // unseeded first reset: from entropy
    }

    @Test
    void noEngineMeansFreeFallAndRewardHasNoFuelCost() {
        LunarLander env = new LunarLander();
        env.reset(0);
        float y0 = env.lander().getLinearVelocity().y;
        StepResult r = env.step(new float[] {0});
        assertThat(env.lander().getLinearVelocity().y).isLessThan(y0);
        assertThat(r.terminated()).isFalse();
        assertThat(r.info()).isEmpty();
    }

    @Test
    void gravityIsUsedAndValidated() {
        LunarLander weak = new LunarLander(false, -1.0, false, 15, 1.5);
        LunarLander strong = new LunarLander(false, -11.0, false, 15, 1.5);
        weak.reset(0);
        strong.reset(0);
        for (int t = 0; t < 10; t++) {
            weak.step(new float[] {0});
            strong.step(new float[] {0});
        }
        assertThat(strong.lander().getLinearVelocity().y).isLessThan(weak.lander().getLinearVelocity().y - 1);
        assertThatThrownBy(() -> new LunarLander(false, 0.0, false, 15, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gravity");
        assertThatThrownBy(() -> new LunarLander(false, -12.0, false, 15, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-12");
    }

    @Test
    void windPushesTheLanderAndDrawsItsOffsets() {
        LunarLander calm = new LunarLander(false, -10, false, 15, 1.5);
        LunarLander windy = new LunarLander(false, -10, true, 20, 2);
        calm.reset(5);
        windy.reset(5);
        // Same terrain and initial force: the wind draws come after them.
        assertThat(windy.chunkHeightsRaw()).containsExactly(calm.chunkHeightsRaw());
        assertThat(windy.initialForce()).containsExactly(calm.initialForce());
        long windIdx = windy.windIdx();
        for (int t = 0; t < 20; t++) {
            calm.step(new float[] {0});
            windy.step(new float[] {0});
        }
        assertThat(windy.windIdx()).isEqualTo(windIdx + 20);
        assertThat(windy.lander().getPosition().x).isNotEqualTo(calm.lander().getPosition().x);
    }

    @Test
    void episodeEndsWithACrashOrOutOfBounds() {
        LunarLander env = new LunarLander();
        env.reset(1);
        StepResult last = null;
        for (int t = 0; t < 1000 && (last == null || !last.terminated()); t++) {
            last = env.step(new float[] {1}); // spin with the left engine until it crashes or leaves
        }
        assertThat(last.terminated()).isTrue();
        assertThat(last.reward()).isEqualTo(-100.0);
    }

    @Test
    void renderDrawsSkyMoonFlagsAndLander() {
        LunarLander env = new LunarLander();
        env.reset(0);
        for (int t = 0; t < 5; t++) {
            env.step(new float[] {2});
        }
        RgbFrame frame = env.render();
        assertThat(frame.width()).isEqualTo(600);
        assertThat(frame.height()).isEqualTo(400);
        assertThat(rgb(frame, 5, 2)).as("sky at the top").containsExactly(0, 0, 0);
        assertThat(rgb(frame, 300, 398)).as("moon below the helipad").containsExactly(255, 255, 255);
        Vec2 pos = env.lander().getPosition();
        int lx = (int) Math.round(pos.x * LunarLander.SCALE);
        int ly = (int) Math.round(400 - pos.y * LunarLander.SCALE);
        assertThat(rgb(frame, lx, ly)).as("lander body").containsExactly(128, 102, 230);
        int fx = (int) (env.helipadX1() * LunarLander.SCALE) + 4;
        int fy = (int) Math.round(400 - (env.helipadY() * LunarLander.SCALE + 45));
        assertThat(rgb(frame, fx, fy)).as("left flag").containsExactly(204, 204, 0);
        assertThatThrownBy(() -> new LunarLander().render()).isInstanceOf(IllegalStateException.class);
    }

    private static int[] rgb(RgbFrame frame, int x, int y) {
        return new int[] {frame.channel(x, y, 0), frame.channel(x, y, 1), frame.channel(x, y, 2)};
    }
}
