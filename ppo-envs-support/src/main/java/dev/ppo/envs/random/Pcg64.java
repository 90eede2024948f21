package dev.ppo.envs.random;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * NumPy's default random generator, {@code np.random.default_rng(seed)}, i.e.
 * {@code Generator(PCG64(SeedSequence(seed)))}, reproduced bit for bit (NumPy 1.24, the version
 * Gymnasium's golden files were recorded with).
 *
 * <p>Gymnasium's {@code Env.reset(seed=s)} creates exactly this generator, so an env that draws from
 * a {@code Pcg64} in the same order as the Python env starts from the same state. Ported from
 * {@code numpy/random/bit_generator.pyx} (SeedSequence), {@code src/pcg64/pcg64.h} (PCG XSL RR
 * 128/64 and its buffered 32-bit output) and {@code src/distributions/distributions.c} (Lemire's
 * bounded integers).
 *
 * <p>Not thread-safe.
 */
public final class Pcg64 {

    // SeedSequence hash constants (bit_generator.pyx).
    private static final int POOL_SIZE = 4;
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;

    // PCG_DEFAULT_MULTIPLIER_128 (pcg64.h).
    private static final long MULT_HI = 2549297995355413924L;
    private static final long MULT_LO = 4865540595714422341L;

    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long stateHi;
    private long stateLo;
    private long incHi;
    private long incLo;
    /** The high half of the last 64-bit output, kept for the next 32-bit request. */
    private boolean hasUint32;
    private int uinteger;

    /**
     * {@code np.random.default_rng(seed)}. The seed is read as an unsigned 64-bit integer, so a
     * negative {@code seed} means {@code seed + 2^64}, exactly as NumPy would take that Python int.
     */
    public Pcg64(long seed) {
        this(seedWords(seed));
    }

    /** Seeds from SeedSequence entropy given as 32-bit words, least significant first. */
    private Pcg64(int[] entropy) {
        long[] words = generateState(mixEntropy(entropy));
        setSeed(words[0], words[1], words[2], words[3]);
    }

    /** A generator seeded from OS entropy, as {@code default_rng()} without a seed. */
    public static Pcg64 fromEntropy() {
        SecureRandom random = new SecureRandom();
        int[] entropy = new int[POOL_SIZE];
        for (int i = 0; i < entropy.length; i++) {
            entropy[i] = random.nextInt();
        }
        return new Pcg64(entropy);
    }

    // ---- SeedSequence -------------------------------------------------------------------------

    /** {@code _int_to_uint32_array}: 32-bit words, lowest first; zero is one word. */
    private static int[] seedWords(long seed) {
        if (seed == 0) {
            return new int[] {0};
        }
        int[] words = new int[2];
        int n = 0;
        for (long s = seed; s != 0; s >>>= 32) {
            words[n++] = (int) s;
        }
        return Arrays.copyOf(words, n);
    }

    private static int hashmix(int value, int[] hashConst) {
        value ^= hashConst[0];
        hashConst[0] *= MULT_A;
        value *= hashConst[0];
        value ^= value >>> XSHIFT;
        return value;
    }

    private static int mix(int x, int y) {
        int result = MIX_MULT_L * x - MIX_MULT_R * y;
        result ^= result >>> XSHIFT;
        return result;
    }

    /** {@code SeedSequence.mix_entropy} into a fresh pool of {@value #POOL_SIZE} words. */
    private static int[] mixEntropy(int[] entropy) {
        int[] pool = new int[POOL_SIZE];
        int[] hashConst = {INIT_A};
        for (int i = 0; i < pool.length; i++) {
            pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
        }
        // Mix all bits together so late bits can affect earlier bits.
        for (int src = 0; src < pool.length; src++) {
            for (int dst = 0; dst < pool.length; dst++) {
                if (src != dst) {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
                }
            }
        }
        for (int src = pool.length; src < entropy.length; src++) {
            for (int dst = 0; dst < pool.length; dst++) {
                pool[dst] = mix(pool[dst], hashmix(entropy[src], hashConst));
            }
        }
        return pool;
    }

    /** {@code SeedSequence.generate_state(4, np.uint64)}: 8 words, paired little-endian. */
    private static long[] generateState(int[] pool) {
        int hashConst = INIT_B;
        long[] out = new long[4];
        for (int i = 0; i < 2 * out.length; i++) {
            int dataVal = pool[i % pool.length];
            dataVal ^= hashConst;
            hashConst *= MULT_B;
            dataVal *= hashConst;
            dataVal ^= dataVal >>> XSHIFT;
            long word = Integer.toUnsignedLong(dataVal);
            out[i / 2] |= (i % 2 == 0) ? word : word << 32;
        }
        return out;
    }

    // ---- PCG64 (XSL RR 128/64) ----------------------------------------------------------------

    /** {@code pcg64_set_seed} / {@code pcg_setseq_128_srandom_r}. */
    private void setSeed(long seedHi, long seedLo, long seqHi, long seqLo) {
        stateHi = 0;
        stateLo = 0;
        incHi = (seqHi << 1) | (seqLo >>> 63);
        incLo = (seqLo << 1) | 1L;
        step();
        long lo = stateLo + seedLo;
        stateHi = stateHi + seedHi + (Long.compareUnsigned(lo, seedLo) < 0 ? 1 : 0);
        stateLo = lo;
        step();
        hasUint32 = false;
        uinteger = 0;
    }

    /** state = state * MULT + inc (mod 2^128). */
    private void step() {
        long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateHi * MULT_LO + stateLo * MULT_HI;
        long lo = stateLo * MULT_LO;
        long newLo = lo + incLo;
        stateHi = hi + incHi + (Long.compareUnsigned(newLo, incLo) < 0 ? 1 : 0);
        stateLo = newLo;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        // Math.unsignedMultiplyHigh is Java 18+; correct the signed high word instead.
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The next raw 64-bit output ({@code bit_generator.random_raw()}), as a two's-complement long. */
    public long nextUint64() {
        step();
        return Long.rotateRight(stateHi ^ stateLo, (int) (stateHi >>> 58));
    }

    /**
     * The next 32-bit output ({@code pcg64_next32}): the low half of a fresh 64-bit output, and on
     * the following call the high half that was buffered, even if other draws came in between.
     */
    public int nextUint32() {
        if (hasUint32) {
            hasUint32 = false;
            return uinteger;
        }
        long next = nextUint64();
        hasUint32 = true;
        uinteger = (int) (next >>> 32);
        return (int) next;
    }

    // ---- Generator methods --------------------------------------------------------------------

    /** {@code Generator.random()}: a double in [0, 1) from the top 53 bits of one 64-bit output. */
    public double nextDouble() {
        return (nextUint64() >>> 11) * DOUBLE_UNIT;
    }

    /** {@code Generator.uniform(lo, hi)} = {@code lo + (hi - lo) * random()}. */
    public double uniform(double lo, double hi) {
        return lo + checkedRange(lo, hi) * nextDouble();
    }

    /** {@code Generator.uniform(lo, hi, size)}: {@code size} draws in sequence. */
    public double[] uniform(double lo, double hi, int size) {
        double range = checkedRange(lo, hi);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = lo + range * nextDouble();
        }
        return out;
    }

    /** {@code Generator.uniform(low=array, high=array)}: one draw per element, in order. */
    public double[] uniform(double[] lo, double[] hi) {
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("uniform bounds differ in length: " + lo.length + " vs " + hi.length);
        }
        double[] range = new double[lo.length];
        for (int i = 0; i < lo.length; i++) {
            range[i] = checkedRange(lo[i], hi[i]);
        }
        double[] out = new double[lo.length];
        for (int i = 0; i < lo.length; i++) {
            out[i] = lo[i] + range[i] * nextDouble();
        }
        return out;
    }

    private static double checkedRange(double lo, double hi) {
        double range = hi - lo;
        // NumPy: OverflowError for a non-finite range, ValueError for a negative one.
        if (!Double.isFinite(range) || range < 0) {
            throw new IllegalArgumentException("uniform needs finite low <= high, got low=" + lo + ", high=" + hi);
        }
        return range;
    }

    /**
     * {@code Generator.integers(lo, hi)} (int64, {@code hi} exclusive). Ranges below 2^32 use
     * Lemire's method on 32-bit outputs (see {@link #nextUint32()}); a range of one draws nothing.
     */
    public long integers(long lo, long hi) {
        if (lo >= hi) {
            throw new IllegalArgumentException("integers needs low < high, got low=" + lo + ", high=" + hi);
        }
        long rng = hi - 1 - lo; // inclusive range, unsigned
        if (rng == 0) {
            return lo;
        }
        if (Long.compareUnsigned(rng, 0xFFFFFFFFL) < 0) {
            return lo + boundedLemire32((int) rng);
        }
        if (rng == 0xFFFFFFFFL) {
            return lo + Integer.toUnsignedLong(nextUint32());
        }
        if (rng == -1L) {
            return lo + nextUint64();
        }
        return lo + boundedLemire64(rng);
    }

    /** {@code buffered_bounded_lemire_uint32}: a value in [0, rng]. */
    private long boundedLemire32(int rng) {
        long rngExcl = Integer.toUnsignedLong(rng) + 1;
        long m = Integer.toUnsignedLong(nextUint32()) * rngExcl;
        long leftover = m & 0xFFFFFFFFL;
        if (leftover < rngExcl) {
            long threshold = (0xFFFFFFFFL - Integer.toUnsignedLong(rng)) % rngExcl;
            while (leftover < threshold) {
                m = Integer.toUnsignedLong(nextUint32()) * rngExcl;
                leftover = m & 0xFFFFFFFFL;
            }
        }
        return m >>> 32;
    }

    /** {@code bounded_lemire_uint64}: a value in [0, rng], rng unsigned. */
    private long boundedLemire64(long rng) {
        long rngExcl = rng + 1;
        long x = nextUint64();
        long leftover = x * rngExcl;
        if (Long.compareUnsigned(leftover, rngExcl) < 0) {
            long threshold = Long.remainderUnsigned(-1L - rng, rngExcl);
            while (Long.compareUnsigned(leftover, threshold) < 0) {
                x = nextUint64();
                leftover = x * rngExcl;
            }
        }
        return unsignedMultiplyHigh(x, rngExcl);
    }

    // ---- state --------------------------------------------------------------------------------

    /**
     * The whole generator state, for checkpoints: {@code [state.high, state.low, inc.high, inc.low,
     * has_uint32 (0/1), uinteger]}, the fields of NumPy's {@code bit_generator.state}.
     */
    public long[] state() {
        return new long[] {stateHi, stateLo, incHi, incLo, hasUint32 ? 1 : 0, Integer.toUnsignedLong(uinteger)};
    }

    /** Restores what {@link #state()} returned. */
    public void restore(long[] state) {
        if (state == null || state.length != 6 || (state[3] & 1) == 0 || (state[4] != 0 && state[4] != 1)) {
            throw new IllegalArgumentException("not a Pcg64 state: " + Arrays.toString(state));
        }
        stateHi = state[0];
        stateLo = state[1];
        incHi = state[2];
        incLo = state[3];
        hasUint32 = state[4] == 1;
        uinteger = (int) state[5];
    }

    /** An independent generator in the same state. */
    public Pcg64 copy() {
        Pcg64 copy = new Pcg64(0);
        copy.restore(state());
        return copy;
    }
}
