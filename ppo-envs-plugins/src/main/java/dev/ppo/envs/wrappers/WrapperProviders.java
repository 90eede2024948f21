package dev.ppo.envs.wrappers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.FrameStack;
import dev.ppo.api.env.WrapperProvider;
import dev.ppo.api.plugin.Settings;
import java.util.List;

/**
 * The built-in observation wrappers, named after Gymnasium's and chosen in {@code env.wrappers}:
 * {@code max_and_skip}, {@code grayscale}, {@code resize}, {@code frame_stack}, and the RL Zoo's
 * {@code mask_velocity}.
 */
public final class WrapperProviders {

    private WrapperProviders() {
    }

    /** {@code {name = max_and_skip, skip = 4}}: {@link MaxAndSkipObservation}. */
    public static final class MaxAndSkip implements WrapperProvider {
        @Override
        public String name() {
            return "max_and_skip";
        }

        @Override
        public String description() {
            return "repeat each action `skip` times, sum the rewards, max of the last two frames (MaxAndSkipObservation)";
        }

        @Override
        public Config defaults() {
            return ConfigFactory.parseString("skip = 4");
        }

        @Override
        public Env wrap(Env env, Settings settings) {
            return new MaxAndSkipObservation(env, settings.intInRange("skip", 2, 1000, "frames per action"));
        }
    }

    /** {@code {name = grayscale, keep_dim = false}}: {@link GrayscaleObservation}. */
    public static final class Grayscale implements WrapperProvider {
        @Override
        public String name() {
            return "grayscale";
        }

        @Override
        public String description() {
            return "RGB image to luminance 0.2125 R + 0.7154 G + 0.0721 B (GrayscaleObservation)";
        }

        @Override
        public Config defaults() {
            return ConfigFactory.parseString("keep_dim = false");
        }

        @Override
        public Env wrap(Env env, Settings settings) {
            return new GrayscaleObservation(env, settings.getBoolean("keep_dim"));
        }
    }

    /** {@code {name = resize, shape = [84, 84]}}: {@link ResizeObservation}. */
    public static final class Resize implements WrapperProvider {
        @Override
        public String name() {
            return "resize";
        }

        @Override
        public String description() {
            return "shrink an image to shape = [height, width] with OpenCV's INTER_AREA (ResizeObservation)";
        }

        @Override
        public Config defaults() {
            return ConfigFactory.parseString("shape = [84, 84]");
        }

        @Override
        public Env wrap(Env env, Settings settings) {
            List<Integer> shape = settings.getIntList("shape");
            if (shape.size() != 2) {
                throw settings.invalid("shape", shape, "must be [height, width]");
            }
            return new ResizeObservation(env, shape.get(0), shape.get(1));
        }
    }

    /** {@code {name = frame_stack, size = 4}}: {@link FrameStack} (what {@code ppo.frame_stack} applies). */
    public static final class FrameStackProvider implements WrapperProvider {
        @Override
        public String name() {
            return "frame_stack";
        }

        @Override
        public String description() {
            return "the last `size` observations, stacked as image channels (FrameStackObservation, channels last)";
        }

        @Override
        public Config defaults() {
            return ConfigFactory.parseString("size = 4");
        }

        @Override
        public Env wrap(Env env, Settings settings) {
            return new FrameStack(env, settings.intInRange("size", 1, 1024, "observations kept side by side"));
        }
    }

    /** {@code {name = mask_velocity, indices = [1, 3]}}: {@link MaskVelocityObservation}. */
    public static final class MaskVelocity implements WrapperProvider {
        @Override
        public String name() {
            return "mask_velocity";
        }

        @Override
        public String description() {
            return "zero the observation entries at `indices` (velocities; CartPole-v1's are [1, 3]): a partially"
                    + " observed task for recurrent policies (the RL Zoo's MaskVelocityWrapper)";
        }

        @Override
        public Config defaults() {
            return ConfigFactory.parseString("indices = [1, 3]");
        }

        @Override
        public Env wrap(Env env, Settings settings) {
            List<Integer> indices = settings.getIntList("indices");
            try {
                return new MaskVelocityObservation(env, indices);
            } catch (IllegalArgumentException e) {
                throw settings.invalid("indices", indices, e.getMessage());
            }
        }
    }
}
