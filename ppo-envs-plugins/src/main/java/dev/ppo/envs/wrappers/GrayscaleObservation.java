package dev.ppo.envs.wrappers;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.ObservationWrapper;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;

/**
 * Gymnasium's {@code GrayscaleObservation}: an RGB image {@code [H, W, 3]} becomes its luminance
 * {@code [H, W]} ({@code [H, W, 1]} with {@code keepDim}), computed as Gymnasium does, in double
 * precision {@code (0.2125·r + 0.7154·g) + 0.0721·b}, then truncated to an integer as numpy's
 * {@code astype(np.uint8)} does.
 */
public final class GrayscaleObservation extends ObservationWrapper {

    private final Box space;
    private final int pixels;

    public GrayscaleObservation(Env env, boolean keepDim) {
        super(env);
        Box rgb = Pixels.imageSpace(env, "grayscale", "[H, W, 3]", 3);
        int[] shape = rgb.shape();
        if (shape[2] != 3) {
            throw new IllegalArgumentException("grayscale needs an RGB observation [H, W, 3], got " + rgb);
        }
        this.pixels = shape[0] * shape[1];
        this.space = keepDim ? Box.uniform(0, 255, shape[0], shape[1], 1) : Box.uniform(0, 255, shape[0], shape[1]);
    }

    @Override
    public Space observationSpace() {
        return space;
    }

    /** The luminance of each pixel. */
    @Override
    protected float[] observation(float[] rgb) {
        float[] out = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            double y = (rgb[3 * p] * 0.2125 + rgb[3 * p + 1] * 0.7154) + rgb[3 * p + 2] * 0.0721;
            out[p] = (int) y;
        }
        return out;
    }
}
