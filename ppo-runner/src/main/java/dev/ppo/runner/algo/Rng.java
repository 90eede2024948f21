package dev.ppo.runner.algo;

/**
 * SplitMix64: a small, fast generator whose whole state is one {@code long}, so a checkpoint can
 * save it and a resumed run draws exactly the numbers it would have drawn. Used for action
 * sampling and minibatch shuffling; environments keep their own (Gymnasium-compatible) streams.
 */
public final class Rng {

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void restore(long state) {
        this.state = state;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return (int) ((nextDouble()) * bound);
    }

    /** Standard normal by Box-Muller; draws two uniforms and uses one, so the state stays one long. */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Fisher-Yates shuffle of {@code 0..n-1} into {@code out}. */
    public void permutation(int[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        for (int i = out.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
    }
}
