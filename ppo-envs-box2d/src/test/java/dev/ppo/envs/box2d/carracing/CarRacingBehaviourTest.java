package dev.ppo.envs.box2d.carracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.envs.random.Pcg64;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.junit.jupiter.api.Test;

/** Spaces, seeding and draw order, termination rules, action checks and rendering. */
class CarRacingBehaviourTest {

    private static final float[] NOOP = {0, 0, 0};

    @Test
    void spacesAreGymnasiums() {
        Box obs = (Box) new CarRacing().observationSpace();
        assertThat(obs.shape()).containsExactly(96, 96, 3);
        assertThat(obs.low(0)).isEqualTo(0f);
        assertThat(obs.high(27647)).isEqualTo(255f);
        Box actions = (Box) new CarRacing().actionSpace();
        assertThat(actions.low()).containsExactly(-1f, 0f, 0f);
        assertThat(actions.high()).containsExactly(1f, 1f, 1f);
        assertThat(new CarRacing(false, false, 0.95).actionSpace()).isEqualTo(new Discrete(5));
    }

    @Test
    void sameSeedSameEpisodeEvenAfterPlaying() {
        CarRacing a = new CarRacing();
        CarRacing b = new CarRacing();
        float[] first = a.reset(7);
        for (int i = 0; i < 30; i++) {
            a.step(new float[] {0.3f, 1f, 0f});
        }
        assertThat(a.reset(7)).containsExactly(first);
        assertThat(b.reset(7)).containsExactly(first);
        for (int i = 0; i < 20; i++) {
            StepResult ra = a.step(new float[] {-0.5f, 0.8f, 0.1f});
            StepResult rb = b.step(new float[] {-0.5f, 0.8f, 0.1f});
            assertThat(ra.observation()).containsExactly(rb.observation());
            assertThat(ra.reward()).isEqualTo(rb.reward());
        }
        assertThat(a.reset(8)).isNotEqualTo(first);
        assertThat(a.reset()).hasSize(96 * 96 * 3); // continues the seeded stream
    }

    @Test
    void failedTrackAttemptsAreRetriedWithFreshDraws() {
        // Seed 36 needs two attempts: 2 × 12 × (noise, rad) draws, nothing else.
        CarRacing env = new CarRacing();
        env.reset(36);
        assertThat(env.trackGenerationAttempts()).isEqualTo(2);
        Pcg64 expected = new Pcg64(36);
        expected.uniform(0, 1, 48);
        assertThat(env.npRandom().state()).containsExactly(expected.state());
        assertThat(env.track().size()).isGreaterThan(200);
    }

    @Test
    void domainRandomizeDrawsColoursBeforeTheTrack() {
        CarRacing env = new CarRacing(true, true, 0.95);
        env.reset(3);
        Pcg64 expected = new Pcg64(3);
        double[] road = expected.uniform(0, 210, 3);
        double[] bg = expected.uniform(0, 210, 3);
        int idx = (int) expected.integers(0, 3);
        double[][] colours = env.colors();
        assertThat(colours[0]).containsExactly(road);
        assertThat(colours[1]).containsExactly(bg);
        double[] grass = bg.clone();
        grass[idx] += 20;
        assertThat(colours[2]).containsExactly(grass);
        expected.uniform(0, 1, 24 * env.trackGenerationAttempts());
        assertThat(env.npRandom().state()).containsExactly(expected.state());

        // the randomised colours (and the track drawn after them) change the picture
        float[] plain = new CarRacing().reset(3);
        assertThat(env.reset(3)).isNotEqualTo(plain);
    }

    @Test
    void leavingThePlayfieldTerminatesWithMinus100() {
        CarRacing env = new CarRacing();
        env.reset(0);
        // move the whole car (hull and wheels) beyond PLAYFIELD = 333.3
        Vec2 shift = new Vec2(-600, 0);
        for (Body body : bodies(env.car())) {
            body.setTransform(body.getPosition().add(shift), body.getAngle());
        }
        StepResult result = env.step(NOOP);
        assertThat(result.terminated()).isTrue();
        assertThat(result.reward()).isEqualTo(-100.0);
        assertThat(result.info()).containsEntry("lap_finished", false);
    }

    @Test
    void visitingEveryTileFinishesTheLap() {
        CarRacing env = new CarRacing();
        env.reset(1);
        StepResult first = env.step(NOOP);
        assertThat(first.terminated()).isFalse();
        assertThat(first.info()).isEmpty();
        env.tileVisitedCount = env.track().size();
        StepResult result = env.step(NOOP);
        assertThat(result.terminated()).isTrue();
        assertThat(result.info()).containsEntry("lap_finished", true);
        assertThat(result.reward()).isCloseTo(-0.1, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void rewardIsMinusPointOnePerStepPlusTileBonus() {
        CarRacing env = new CarRacing();
        env.reset(2);
        double tile = 1000.0 / env.track().size();
        // the reset step already visited 2 tiles; its reward is paid with the first action
        StepResult first = env.step(NOOP);
        assertThat(first.reward()).isEqualTo(2 * tile - 0.1);
        assertThat(env.step(NOOP).reward()).isCloseTo(-0.1, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void invalidActionsAreRejected() {
        CarRacing env = new CarRacing();
        assertThatThrownBy(() -> env.step(NOOP)).isInstanceOf(IllegalStateException.class);
        env.reset(0);
        assertThatThrownBy(() -> env.step(new float[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> env.step(new float[] {Float.NaN, 0, 0})).isInstanceOf(IllegalArgumentException.class);
        // out-of-range continuous values are accepted as in Gymnasium (gas is clipped by the car)
        assertThat(env.step(new float[] {2f, 3f, -1f}).observation()).hasSize(96 * 96 * 3);
        assertThat(env.car().wheels().get(2).gas()).isLessThanOrEqualTo(1.0);

        CarRacing discrete = new CarRacing(false, false, 0.95);
        discrete.reset(0);
        assertThatThrownBy(() -> discrete.step(new float[] {5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Discrete(5)");
        assertThatThrownBy(() -> discrete.step(new float[] {1.5f})).isInstanceOf(IllegalArgumentException.class);
        discrete.step(new float[] {3});
        assertThat(discrete.car().wheels().get(3).gas()).isEqualTo(0.1); // gas rises by at most 0.1 per step
    }

    @Test
    void renderGivesA600x400FrameAndTheObservationShowsTheIndicatorBar() {
        CarRacing env = new CarRacing();
        float[] obs = env.reset(0);
        for (int i = 0; i < 60; i++) {
            obs = env.step(new float[] {0f, 0.6f, 0f}).observation();
        }
        RgbFrame frame = env.render();
        assertThat(frame.width()).isEqualTo(600);
        assertThat(frame.height()).isEqualTo(400);
        // grass-green far above the car, black indicator bar at the bottom
        assertThat(frame.channel(300, 20, 1)).isGreaterThan(frame.channel(300, 20, 0));
        assertThat(frame.channel(590, 395, 0)).isZero();
        // the observation: bottom-right pixel black, the white speed bar (x ≈ 12-14) lit above row 93.6
        assertThat(obs[(95 * 96 + 95) * 3]).isZero();
        float speedBar = 0;
        for (int row = 84; row < 94; row++) {
            speedBar = Math.max(speedBar, obs[(row * 96 + 13) * 3 + 2]); // blue: the text is white too, ABS bars are further right
        }
        assertThat(speedBar).isGreaterThan(100f);
        for (float v : obs) {
            assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.rint(v));
        }
    }

    @Test
    void rewardTextUsesPythonsFloatFormat() {
        assertThat(CarRacingRenderer.zeroPad4(CarRacingRenderer.pythonRepr(0.0))).isEqualTo("00.0");
        assertThat(CarRacingRenderer.zeroPad4(CarRacingRenderer.pythonRepr(-0.1))).isEqualTo("-0.1");
        assertThat(CarRacingRenderer.zeroPad4(CarRacingRenderer.pythonRepr(1.5))).isEqualTo("01.5");
        assertThat(CarRacingRenderer.zeroPad4(CarRacingRenderer.pythonRepr(-1.5))).isEqualTo("-1.5");
        assertThat(CarRacingRenderer.pythonRepr(6.269592476489028)).isEqualTo("6.269592476489028");
        assertThat(CarRacingRenderer.pythonRepr(100.0)).isEqualTo("100.0");
        assertThat(CarRacingRenderer.pythonRepr(1e-05)).isEqualTo("1e-05");
        assertThat(CarRacingRenderer.pythonRepr(-2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(CarRacingRenderer.pythonRepr(1e16)).isEqualTo("1e+16");
        assertThat(CarRacingRenderer.pythonRepr(0.0001)).isEqualTo("0.0001");
    }

    @Test
    void smoothscaleTruncationMatchesPygame() {
        // a uniform 102 shrinks to 100 after pygame's two passes, 0 stays 0, 255 gives 253
        int once = CarRacingRenderer.truncatingAverage(102 * 4, 4);
        assertThat(CarRacingRenderer.truncatingAverage(once * 4, 4)).isEqualTo(100);
        assertThat(CarRacingRenderer.truncatingAverage(0, 4)).isZero();
        int w = CarRacingRenderer.truncatingAverage(255 * 4, 4);
        assertThat(CarRacingRenderer.truncatingAverage(w * 4, 4)).isEqualTo(253);
    }

    private static Body[] bodies(Car car) {
        Body[] out = new Body[5];
        out[0] = car.hull();
        for (int i = 0; i < 4; i++) {
            out[i + 1] = car.wheels().get(i).body();
        }
        return out;
    }

    /** The shrink with shifts and reused buffers equals its definition: two passes of truncatingAverage. */
    @Test
    void theFastShrinkEqualsTheTwoPassDefinition() {
        java.util.Random random = new java.util.Random(5);
        for (int ss : new int[] {1, 2, 4}) {
            int width = 12;
            int height = 7;
            int[] data = new int[width * ss * height * ss];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1 << 24);
            }
            int[] rows = new int[width * height * ss * 3];
            for (int y = 0; y < height * ss; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < 3; c++) {
                        int sum = 0;
                        for (int k = 0; k < ss; k++) {
                            sum += (data[y * width * ss + x * ss + k] >> (16 - 8 * c)) & 0xff;
                        }
                        rows[(y * width + x) * 3 + c] = CarRacingRenderer.truncatingAverage(sum, ss);
                    }
                }
            }
            int[] expected = new int[width * height * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < 3; c++) {
                        int sum = 0;
                        for (int k = 0; k < ss; k++) {
                            sum += rows[((y * ss + k) * width + x) * 3 + c];
                        }
                        expected[(y * width + x) * 3 + c] = CarRacingRenderer.truncatingAverage(sum, ss);
                    }
                }
            }
            int[] out = new int[expected.length];
            CarRacingRenderer.shrink(data, width, height, ss, new int[rows.length], out);
            assertThat(out).as("ss = %d", ss).containsExactly(expected);
        }
    }
}
