package dev.ppo.envs.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.FrameStack;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wrappers against Gymnasium's definitions: grayscale weights and truncation and INTER_AREA
 * resizing checked pixel for pixel against numpy and OpenCV ({@code golden.json}, recorded by
 * {@code record.py} beside it), max-and-skip's reward sum and max of the last two frames, and the
 * stacking order of frame_stack.
 */
class WrappersTest {

    /** An env whose observations are scripted frames; records which step calls were observed. */
    static final class ScriptedEnv implements Env {
        final Box space;
        final List<float[]> frames;
        final List<String> calls = new ArrayList<>();
        int terminateAt = Integer.MAX_VALUE;
        int t;

        ScriptedEnv(Box space, List<float[]> frames) {
            this.space = space;
            this.frames = frames;
        }

        @Override
        public Space observationSpace() {
            return space;
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        public float[] reset(long seed) {
            return reset();
        }

        @Override
        public float[] reset() {
            t = 0;
            return frames.get(0).clone();
        }

        @Override
        public StepResult step(float[] action) {
            calls.add("step");
            return next(true);
        }

        @Override
        public StepResult stepUnobserved(float[] action) {
            calls.add("unobserved");
            return next(false);
        }

        private StepResult next(boolean observe) {
            t++;
            return new StepResult(observe ? frames.get(t % frames.size()).clone() : null, t, t >= terminateAt, false);
        }
    }

    /** The synthetic images of {@code record.py}, rebuilt from the same formulas. */
    private static float[] image(String kind, int h, int w, int c) {
        float[] v = new float[h * w * c];
        for (int k = 0; k < v.length; k++) {
            if (kind.equals("hash")) {
                v[k] = (float) (((k * 2654435761L) >> 13) & 255);
            } else {
                int y = k / (w * c);
                int x = (k / c) % w;
                int ch = k % c;
                v[k] = (x * 3 + y * 5 + ch * 17) % 256;
            }
        }
        return v;
    }

    private static Box imageBox(int h, int w, int c) {
        return c == 1 ? Box.uniform(0, 255, h, w) : Box.uniform(0, 255, h, w, c);
    }

    private static float[] bytes(String base64) {
        byte[] b = Base64.getDecoder().decode(base64);
        float[] out = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }

    @Test
    void resizeAndGrayscaleMatchOpenCvAndNumpyPixelForPixel() throws Exception {
        JsonNode golden;
        try (InputStream in = WrappersTest.class.getResourceAsStream("/wrappers/golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : golden.get("cases")) {
            int channels = c.get("channels").asInt();
            float[] src = image(c.get("image").asText(), 96, 96, channels);
            ScriptedEnv env = new ScriptedEnv(imageBox(96, 96, channels), List.of(src));
            int h = c.get("out").get(0).asInt();
            int w = c.get("out").get(1).asInt();
            Env wrapped = c.get("op").asText().equals("resize") ? new ResizeObservation(env, h, w)
                    : new GrayscaleObservation(env, false);
            float[] expected = bytes(c.get("data").asText());
            assertThat(wrapped.reset(0)).as(c.get("op").asText() + " " + c.get("image").asText() + " x" + channels
                    + " to " + h + "x" + w).containsExactly(expected);
            assertThat(((Box) wrapped.observationSpace()).shape()).isEqualTo(channels == 1 || c.get("op").asText()
                    .equals("grayscale") ? new int[] {h, w} : new int[] {h, w, channels});
            checked++;
        }
        assertThat(checked).isEqualTo(34);
    }

    @Test
    void grayscaleTruncatesAsNumpysAstypeUint8() {
        float[] rgb = {43, 43, 43, 255, 255, 255, 10, 20, 30};
        ScriptedEnv env = new ScriptedEnv(Box.uniform(0, 255, 1, 3, 3), List.of(rgb));
        // 43 * (0.2125 + 0.7154 + 0.0721) = 42.999...: truncated, not rounded
        assertThat(new GrayscaleObservation(env, false).reset(0)).containsExactly(42, 255, 18);
        assertThat(((Box) new GrayscaleObservation(env, true).observationSpace()).shape()).containsExactly(1, 3, 1);
        assertThatThrownBy(() -> new GrayscaleObservation(new ScriptedEnv(Box.uniform(0, 255, 4, 4), List.of()), false))
                .hasMessageContaining("[H, W, 3]");
    }

    @Test
    void resizeRefusesToEnlarge() {
        ScriptedEnv env = new ScriptedEnv(Box.uniform(0, 255, 8, 8), List.of(new float[64]));
        assertThatThrownBy(() -> new ResizeObservation(env, 16, 8)).hasMessageContaining("only shrinks");
    }

    @Test
    void maxAndSkipSumsRewardsAndTakesTheMaxOfTheLastTwoFrames() {
        List<float[]> frames = List.of(new float[] {0, 0}, new float[] {5, 1}, new float[] {1, 7}, new float[] {2, 3},
                new float[] {4, 2});
        ScriptedEnv env = new ScriptedEnv(Box.of(0, 10, 2), frames);
        MaxAndSkipObservation skip = new MaxAndSkipObservation(env, 4);
        skip.reset(0);
        StepResult r = skip.step(new float[] {1});
        // inner steps 1..4 give rewards 1+2+3+4, frames 1..4; max of frames 3 (2,3) and 4 (4,2)
        assertThat(r.reward()).isEqualTo(10);
        assertThat(r.observation()).containsExactly(4, 3);
        // only the last two frames are looked at: the first two are not rendered
        assertThat(env.calls).containsExactly("unobserved", "unobserved", "step", "step");
    }

    @Test
    void maxAndSkipStopsWhenTheEpisodeEnds() {
        List<float[]> frames = List.of(new float[] {0}, new float[] {1}, new float[] {2}, new float[] {3}, new float[] {4});
        ScriptedEnv env = new ScriptedEnv(Box.of(0, 10, 1), frames);
        env.terminateAt = 3;
        MaxAndSkipObservation skip = new MaxAndSkipObservation(env, 4);
        skip.reset(0);
        StepResult r = skip.step(new float[] {0});
        assertThat(r.terminated()).isTrue();
        assertThat(r.reward()).isEqualTo(1 + 2 + 3);
        // as in Gymnasium, the buffer's second slot still holds what it last had (zeros after reset)
        assertThat(r.observation()).containsExactly(3);
        assertThat(env.calls).hasSize(3);
        assertThatThrownBy(() -> new MaxAndSkipObservation(env, 1)).hasMessageContaining("skip >= 2");
    }

    @Test
    void frameStackPutsTheOldestFrameFirstAndStacksGrayImagesAsChannels() {
        List<float[]> frames = List.of(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}, new float[] {9, 10, 11, 12});
        ScriptedEnv env = new ScriptedEnv(Box.uniform(0, 255, 2, 2), frames);
        FrameStack stack = new FrameStack(env, 2);
        assertThat(((Box) stack.observationSpace()).shape()).containsExactly(2, 2, 2);
        // after reset the first frame fills both slots (padding_type = "reset")
        assertThat(stack.reset(0)).containsExactly(1, 1, 2, 2, 3, 3, 4, 4);
        assertThat(stack.step(new float[] {0}).observation()).containsExactly(1, 5, 2, 6, 3, 7, 4, 8);
        assertThat(stack.step(new float[] {0}).observation()).containsExactly(5, 9, 6, 10, 7, 11, 8, 12);
    }

    /** The RL Zoo's MaskVelocityWrapper: the listed entries read 0 on reset and step, the rest pass, the space stays. */
    @Test
    void maskVelocityZeroesTheListedEntriesAndKeepsTheSpace() {
        Box space = Box.of(-10, 10, 4);
        ScriptedEnv env = new ScriptedEnv(space, List.of(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}));
        MaskVelocityObservation masked = new MaskVelocityObservation(env, List.of(1, 3));
        assertThat(masked.observationSpace()).isSameAs(space);
        assertThat(masked.reset(0)).containsExactly(1, 0, 3, 0);
        assertThat(masked.step(new float[] {0}).observation()).containsExactly(5, 0, 7, 0);
        assertThatThrownBy(() -> new MaskVelocityObservation(env, List.of(4))).hasMessageContaining("index 4");
    }
}
