package dev.ppo.api.space;

/** The integers {@code 0 .. n-1}, Gymnasium's {@code Discrete(n)}. Encoded as a one-element {@code float[]}. */
public record Discrete(int n) implements Space {

    public Discrete {
        if (n < 1) {
            throw new IllegalArgumentException("Discrete(n) needs n >= 1, got " + n);
        }
    }

    @Override
    public int flatSize() {
        return 1;
    }

    @Override
    public boolean contains(float[] value) {
        if (value == null || value.length != 1) {
            return false;
        }
        float a = value[0];
        return a == Math.rint(a) && a >= 0 && a < n;
    }

    @Override
    public String toString() {
        return "Discrete(" + n + ")";
    }
}
