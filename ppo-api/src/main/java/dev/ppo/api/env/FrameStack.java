package dev.ppo.api.env;

import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;

/**
 * Gymnasium's {@code FrameStackObservation}, stacking along the last axis: the observation is the
 * last {@code k} observations side by side, so a policy can see motion in pixel envs. For an image
 * {@code [H, W, C]} the stack is {@code [H, W, k·C]} (oldest frame first in each pixel's channels,
 * the channels-last layout convolutions read); a grayscale image {@code [H, W]} becomes
 * {@code [H, W, k]}; for a vector {@code [n]} it is {@code [k·n]}. After a reset the first
 * observation fills every slot (Gymnasium's {@code padding_type="reset"}).
 */
public final class FrameStack extends Wrapper {

    private final int k;
    private final Box space;
    private final int channels; // floats per pixel (C), or the whole vector for a 1-D space
    private final int cells;    // pixels (H·W), or 1 for a vector
    private float[] stacked;

    public FrameStack(Env env, int k) {
        super(env);
        if (k < 1) {
            throw new IllegalArgumentException("frame stack size must be >= 1, got " + k);
        }
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("frame stacking needs a Box observation space, got " + env.observationSpace());
        }
        this.k = k;
        int[] shape = box.shape();
        int[] stackedShape;
        if (shape.length == 2) { // a one-channel image: the frames become its channels
            this.channels = 1;
            stackedShape = new int[] {shape[0], shape[1], k};
        } else {
            this.channels = shape[shape.length - 1];
            stackedShape = shape.clone();
            stackedShape[shape.length - 1] = channels * k;
        }
        this.cells = box.flatSize() / channels;
        float[] low = new float[box.flatSize() * k];
        float[] high = new float[low.length];
        for (int cell = 0; cell < cells; cell++) {
            for (int f = 0; f < k; f++) {
                for (int c = 0; c < channels; c++) {
                    low[(cell * k + f) * channels + c] = box.low(cell * channels + c);
                    high[(cell * k + f) * channels + c] = box.high(cell * channels + c);
                }
            }
        }
        this.space = new Box(low, high, stackedShape);
    }

    @Override
    public Space observationSpace() {
        return space;
    }

    @Override
    public float[] reset(long seed) {
        return fill(env.reset(seed));
    }

    @Override
    public float[] reset() {
        return fill(env.reset());
    }

    private float[] fill(float[] first) {
        stacked = new float[first.length * k];
        for (int f = 0; f < k; f++) {
            place(first, f);
        }
        return stacked.clone();
    }

    /** Writes {@code frame} into slot {@code f} of every cell. */
    private void place(float[] frame, int f) {
        for (int cell = 0; cell < cells; cell++) {
            System.arraycopy(frame, cell * channels, stacked, (cell * k + f) * channels, channels);
        }
    }

    @Override
    public StepResult step(float[] action) {
        if (stacked == null) {
            throw new IllegalStateException("call reset() before step()");
        }
        StepResult r = env.step(action);
        // shift every cell's frames one slot older, then put the new frame last
        for (int cell = 0; cell < cells; cell++) {
            int base = cell * k * channels;
            System.arraycopy(stacked, base + channels, stacked, base, (k - 1) * channels);
        }
        place(r.observation(), k - 1);
        return new StepResult(stacked.clone(), r.reward(), r.terminated(), r.truncated(), r.info());
    }
}
