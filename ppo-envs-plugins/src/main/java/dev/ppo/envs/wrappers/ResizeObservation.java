package dev.ppo.envs.wrappers;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.ObservationWrapper;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;
import java.util.ArrayList;
import java.util.List;

/**
 * Gymnasium's {@code ResizeObservation}: an image {@code [H, W]} or {@code [H, W, C]} shrunk to
 * {@code [h, w]} (channels kept) with OpenCV's {@code cv2.resize(..., interpolation=INTER_AREA)},
 * reproduced here: each output pixel is the area-weighted mean of the source pixels it covers,
 * rounded to an integer as OpenCV rounds to {@code uint8}. Only shrinking is supported (INTER_AREA
 * is an area average only then; OpenCV switches to a bilinear variant to enlarge).
 */
public final class ResizeObservation extends ObservationWrapper {

    private final int srcH;
    private final int srcW;
    private final int channels;
    private final int h;
    private final int w;
    private final Box space;
    private final Weights xs;
    private final Weights ys;
    private final int factorX;
    private final int factorY;

    public ResizeObservation(Env env, int height, int width) {
        super(env);
        Box image = Pixels.imageSpace(env, "resize", "[H, W] or [H, W, C]", 2, 3);
        int[] shape = image.shape();
        this.srcH = shape[0];
        this.srcW = shape[1];
        this.channels = shape.length == 3 ? shape[2] : 1;
        if (height < 1 || width < 1 || height > srcH || width > srcW) {
            throw new IllegalArgumentException("resize shape [" + height + ", " + width + "] must be positive and at most"
                    + " the image's [" + srcH + ", " + srcW + "] (INTER_AREA only shrinks)");
        }
        this.h = height;
        this.w = width;
        this.space = shape.length == 3 ? Box.uniform(0, 255, h, w, channels) : Box.uniform(0, 255, h, w);
        double scaleX = (double) srcW / w;
        double scaleY = (double) srcH / h;
        // OpenCV takes a faster exact path when both factors are whole numbers
        boolean whole = Math.abs(scaleX - Math.rint(scaleX)) < Math.ulp(1.0) && Math.abs(scaleY - Math.rint(scaleY)) < Math.ulp(1.0);
        this.factorX = whole ? (int) Math.rint(scaleX) : 0;
        this.factorY = whole ? (int) Math.rint(scaleY) : 0;
        this.xs = Weights.of(srcW, w, scaleX);
        this.ys = Weights.of(srcH, h, scaleY);
    }

    @Override
    public Space observationSpace() {
        return space;
    }

    @Override
    protected float[] observation(float[] src) {
        if (h == srcH && w == srcW) {
            return src.clone();
        }
        return factorX > 0 ? resizeWhole(src) : resizeArea(src);
    }

    /** OpenCV's integer-factor path: the sum of each k_y×k_x block, averaged. */
    private float[] resizeWhole(float[] src) {
        float[] out = new float[h * w * channels];
        int area = factorX * factorY;
        float inverse = 1f / area;
        for (int dy = 0; dy < h; dy++) {
            for (int dx = 0; dx < w; dx++) {
                for (int c = 0; c < channels; c++) {
                    int sum = 0;
                    for (int sy = dy * factorY; sy < (dy + 1) * factorY; sy++) {
                        for (int sx = dx * factorX; sx < (dx + 1) * factorX; sx++) {
                            sum += (int) src[(sy * srcW + sx) * channels + c];
                        }
                    }
                    // 2×2 blocks: (a + b + c + d + 2) >> 2, half rounded up; others: cvRound, half to even
                    out[(dy * w + dx) * channels + c] = area == 4 && factorX == 2
                            ? (sum + 2) >> 2 : saturate((float) sum * inverse);
                }
            }
        }
        return out;
    }

    /** OpenCV's general {@code resizeArea}: separable overlap weights, summed in float. */
    private float[] resizeArea(float[] src) {
        float[] out = new float[h * w * channels];
        float[] row = new float[w * channels];
        float[] sum = new float[w * channels];
        int previous = -1;
        for (int k = 0; k < ys.size(); k++) {
            int dy = ys.dst[k];
            int sy = ys.src[k];
            float beta = ys.weight[k];
            java.util.Arrays.fill(row, 0);
            for (int j = 0; j < xs.size(); j++) {
                int dx = xs.dst[j];
                int sx = xs.src[j];
                float alpha = xs.weight[j];
                for (int c = 0; c < channels; c++) {
                    row[dx * channels + c] += src[(sy * srcW + sx) * channels + c] * alpha;
                }
            }
            if (dy != previous) {
                if (previous >= 0) {
                    store(sum, out, previous);
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = beta * row[i];
                }
                previous = dy;
            } else {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += beta * row[i];
                }
            }
        }
        store(sum, out, previous);
        return out;
    }

    private void store(float[] sum, float[] out, int dy) {
        for (int i = 0; i < sum.length; i++) {
            out[dy * w * channels + i] = saturate(sum[i]);
        }
    }

    /** {@code saturate_cast<uchar>(float)}: round half to even, clamp to [0, 255]. */
    private static float saturate(float v) {
        return (float) Math.max(0, Math.min(255, Math.rint(v)));
    }

    /** OpenCV's {@code computeResizeAreaTab}: for each destination index, the source indices and their weights. */
    private record Weights(int[] dst, int[] src, float[] weight) {

        int size() {
            return dst.length;
        }

        static Weights of(int ssize, int dsize, double scale) {
            List<int[]> indices = new ArrayList<>();
            List<Float> weights = new ArrayList<>();
            for (int dx = 0; dx < dsize; dx++) {
                double fsx1 = dx * scale;
                double fsx2 = fsx1 + scale;
                double cellWidth = Math.min(scale, ssize - fsx1);
                int sx1 = (int) Math.ceil(fsx1);
                int sx2 = (int) Math.floor(fsx2);
                sx2 = Math.min(sx2, ssize - 1);
                sx1 = Math.min(sx1, sx2);
                if (sx1 - fsx1 > 1e-3) {
                    indices.add(new int[] {dx, sx1 - 1});
                    weights.add((float) ((sx1 - fsx1) / cellWidth));
                }
                for (int sx = sx1; sx < sx2; sx++) {
                    indices.add(new int[] {dx, sx});
                    weights.add((float) (1.0 / cellWidth));
                }
                if (fsx2 - sx2 > 1e-3) {
                    indices.add(new int[] {dx, sx2});
                    weights.add((float) (Math.min(Math.min(fsx2 - sx2, 1.0), cellWidth) / cellWidth));
                }
            }
            int[] d = new int[indices.size()];
            int[] s = new int[indices.size()];
            float[] a = new float[indices.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = indices.get(i)[0];
                s[i] = indices.get(i)[1];
                a[i] = weights.get(i);
            }
            return new Weights(d, s, a);
        }
    }
}
