package dev.ppo.api.space;

import java.util.Arrays;

/**
 * A box in R^n with per-dimension bounds, Gymnasium's {@code Box(low, high, shape, float32)}.
 * Unbounded dimensions use {@link Float#POSITIVE_INFINITY} / {@link Float#NEGATIVE_INFINITY}.
 * Elements are stored flat in C order.
 */
public record Box(float[] low, float[] high, int[] shape) implements Space {

    public Box {
        int size = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Box shape dimensions must be >= 1, got " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (low.length != size || high.length != size) {
            throw new IllegalArgumentException("Box bounds need " + size + " values for shape "
                    + Arrays.toString(shape) + ", got low " + low.length + " and high " + high.length);
        }
        for (int i = 0; i < size; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("Box low[" + i + "]=" + low[i] + " > high[" + i + "]=" + high[i]);
            }
        }
        low = low.clone();
        high = high.clone();
        shape = shape.clone();
    }

    /** A one-dimensional box with the same bounds in every dimension. */
    public static Box of(float low, float high, int size) {
        float[] lo = new float[size];
        float[] hi = new float[size];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi, new int[] {size});
    }

    /** A box of any shape with the same bounds everywhere, e.g. {@code uniform(0, 255, 96, 96, 3)} for pixels. */
    public static Box uniform(float low, float high, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] lo = new float[Math.max(size, 0)];
        float[] hi = new float[lo.length];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi, shape);
    }

    /** A one-dimensional box with the given bounds. */
    public static Box of(float[] low, float[] high) {
        return new Box(low, high, new int[] {low.length});
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int flatSize() {
        return low.length;
    }

    /** Lower bound of dimension {@code i} without copying the array. */
    public float low(int i) {
        return low[i];
    }

    /** Upper bound of dimension {@code i} without copying the array. */
    public float high(int i) {
        return high[i];
    }

    /**
     * Clips the first {@code n} values of {@code action} into the box in place, as Gymnasium's
     * {@code ClipAction} does before a Box env steps.
     */
    public void clip(float[] action, int n) {
        for (int i = 0; i < n; i++) {
            action[i] = Math.max(low[i], Math.min(high[i], action[i]));
        }
    }

    @Override
    public boolean contains(float[] value) {
        if (value == null || value.length != low.length) {
            return false;
        }
        for (int i = 0; i < value.length; i++) {
            if (!(value[i] >= low[i] && value[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high)
                && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ", shape=" + Arrays.toString(shape) + ")";
    }
}
