package dev.ppo.runner.algo;

/**
 * Where one env slot stands between segments: enough to rebuild it exactly anywhere (another
 * worker, the learner, a resumed run) when the env is deterministic: reset with {@code seed},
 * replay {@code actions}, and sample on from {@code rng}.
 *
 * @param episode the index of the running episode (0 for the slot's first)
 * @param seed    the running episode's reset seed
 * @param actions the actions taken since that reset, little-endian float32s
 * @param rng     the slot's sampling generator's state; null in checkpoints written before slots
 *                sampled from their own streams (a stream is then derived from the run seed)
 * @param recurrent a recurrent policy's state for the slot's next step (h, then c); null for a
 *                feed-forward policy (and zeros are assumed where an older checkpoint has none)
 */
public record SlotState(long episode, long seed, byte[] actions, Long rng, float[] recurrent) {

    /** A slot state without a recurrent policy state. */
    public SlotState(long episode, long seed, byte[] actions, Long rng) {
        this(episode, seed, actions, rng, null);
    }

    /** Slot {@code slot}'s first episode: reset with {@code runSeed + slot} (Gymnasium's vector-env convention). */
    public static SlotState first(long runSeed, int slot) {
        return new SlotState(0, runSeed + slot, new byte[0], samplingSeed(runSeed, slot));
    }

    /**
     * The seed of slot {@code slot}'s sampling stream: one stream per slot, derived from the run seed
     * and the slot only, so a run samples the same actions whichever JVM steps the slot.
     */
    public static long samplingSeed(long runSeed, int slot) {
        return mix(runSeed ^ 0x5DEECE66DL, slot, 0x2545F4914F6CDD1DL);
    }

    /** The reset seed of slot {@code slot}'s {@code k}-th episode ({@code k > 0}); non-negative. */
    public static long episodeSeed(long runSeed, int slot, long k) {
        return mix(runSeed, slot, k) & Long.MAX_VALUE;
    }

    private static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
