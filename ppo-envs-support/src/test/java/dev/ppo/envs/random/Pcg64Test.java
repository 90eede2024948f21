package dev.ppo.envs.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ppo.envs.testing.GoldenFiles;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Pcg64} against NumPy 1.24.2's outputs in {@code numpy_pcg64_reference.json}. */
class Pcg64Test {

    static Stream<JsonNode> seeds() {
        JsonNode seeds = GoldenFiles.json("numpy_pcg64_reference.json").get("seeds");
        assertThat(seeds.size()).isEqualTo(12);
        return StreamSupport.stream(seeds.spliterator(), false);
    }

    private static BigInteger u128(long hi, long lo) {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stateAfterSeeding(JsonNode ref) {
        long[] state = new Pcg64(ref.get("seed").asLong()).state();
        JsonNode expected = ref.get("pcg64_state_after_seeding");
        assertThat(u128(state[0], state[1])).isEqualTo(new BigInteger(expected.get("state").asText()));
        assertThat(u128(state[2], state[3])).isEqualTo(new BigInteger(expected.get("inc").asText()));
        assertThat(state[4]).as("has_uint32").isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rawOutputs(JsonNode ref) {
        Pcg64 rng = new Pcg64(ref.get("seed").asLong());
        for (JsonNode raw : ref.get("raw_uint64")) {
            assertThat(Long.toUnsignedString(rng.nextUint64())).isEqualTo(raw.asText());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomDoubles(JsonNode ref) {
        Pcg64 rng = new Pcg64(ref.get("seed").asLong());
        for (JsonNode d : ref.get("random_double")) {
            assertThat(rng.nextDouble()).isEqualTo(d.doubleValue());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void uniform(JsonNode ref) {
        Pcg64 rng = new Pcg64(ref.get("seed").asLong());
        assertThat(rng.uniform(-0.05, 0.05, 4)).containsExactly(GoldenFiles.doubles(ref.get("uniform_m0.05_0.05_size4")));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void integers(JsonNode ref) {
        for (int n : new int[] {2, 4}) {
            Pcg64 rng = new Pcg64(ref.get("seed").asLong());
            List<Long> drawn = new ArrayList<>();
            JsonNode expected = ref.get("integers_0_" + n + "_x16");
            for (int i = 0; i < expected.size(); i++) {
                drawn.add(rng.integers(0, n));
            }
            List<Long> want = new ArrayList<>();
            expected.forEach(v -> want.add(v.asLong()));
            assertThat(drawn).as("integers(0, %d)", n).isEqualTo(want);
        }
    }

    @Test
    void thirtyTwoBitOutputsAreLowHalfFirstAndTheHighHalfIsBufferedAcrossDoubleDraws() {
        Pcg64 raw = new Pcg64(7);
        long first = raw.nextUint64();
        long second = raw.nextUint64();

        Pcg64 rng = new Pcg64(7);
        assertThat(rng.nextUint32()).isEqualTo((int) first);
        assertThat(rng.nextDouble()).isEqualTo((second >>> 11) * 0x1.0p-53);
        assertThat(rng.nextUint32()).isEqualTo((int) (first >>> 32));
    }

    @Test
    void rangeOfOneDrawsNothing() {
        Pcg64 a = new Pcg64(3);
        assertThat(a.integers(5, 6)).isEqualTo(5);
        assertThat(a.state()).containsExactly(new Pcg64(3).state());
    }

    @Test
    void wideRangesStayInBounds() {
        Pcg64 rng = new Pcg64(11);
        for (int i = 0; i < 1000; i++) {
            assertThat(rng.integers(-(1L << 40), 1L << 40)).isBetween(-(1L << 40), (1L << 40) - 1);
            assertThat(rng.integers(10, 10 + (1L << 32))).isBetween(10L, 9 + (1L << 32));
        }
    }

    @Test
    void stateRestoresTheExactStreamIncludingTheBufferedHalf() {
        Pcg64 rng = new Pcg64(42);
        rng.nextUint32(); // leaves a buffered high half
        long[] saved = rng.state();
        assertThat(saved[4]).isEqualTo(1);
        long[] expected = {rng.nextUint32(), rng.nextUint64(), rng.integers(0, 3)};

        Pcg64 other = new Pcg64(0);
        other.restore(saved);
        assertThat(new long[] {other.nextUint32(), other.nextUint64(), other.integers(0, 3)}).containsExactly(expected);

        Pcg64 copy = other.copy();
        assertThat(copy.nextUint64()).isEqualTo(other.nextUint64());
    }

    @Test
    void rejectsBadArguments() {
        Pcg64 rng = new Pcg64(0);
        assertThatThrownBy(() -> rng.integers(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rng.uniform(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rng.restore(new long[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
