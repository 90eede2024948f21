package dev.ppo.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.algo.Segment;
import dev.ppo.runner.algo.SlotState;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every message survives the binary form bit for bit; malformed bytes are refused without harm. */
class WireSerializerTest {

    private static ActorSystem<Void> system;
    private static WireSerializer wire;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "wire-test", ConfigFactory.parseString(
                "pekko.actor.provider = local\npekko.loglevel = OFF\npekko.stdout-loglevel = OFF"));
        wire = new WireSerializer((ExtendedActorSystem) Adapter.toClassic(system));
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    private static Segment segment() {
        return new Segment(3, new float[] {1, -0f, Float.MIN_VALUE, 4, 5, 6}, new float[] {0, 1}, new float[] {-0.5f, -0.7f},
                new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new float[] {9, 8}, new double[] {1.0, Math.PI},
                new boolean[] {false, true}, new boolean[] {false, false}, new float[] {0, 0}, 2.5f,
                List.of(new Segment.EndedEpisode(1, 42.0, 17)),
                new SlotState(2, 123456789L, new byte[] {1, 2, 3, 4}, -5L, new float[] {0.5f, -0.25f}),
                new float[] {1, 2, 3, 4});
    }

    private static Object roundTrip(Object message) throws NotSerializableException {
        return wire.fromBinary(wire.toBinary(message), wire.manifest(message));
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        Segment s = segment();
        Wire.Segments back = (Wire.Segments) roundTrip(new Wire.Segments(7, "w", 0, s, 1.5, 2.5));
        Segment t = back.piece();
        assertThat(t.slot()).isEqualTo(3);
        assertThat(t.observations()).isEqualTo(s.observations());
        assertThat(Float.floatToRawIntBits(t.observations()[1])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(t.rewards()).isEqualTo(s.rewards());
        assertThat(t.terminated()).isEqualTo(s.terminated());
        assertThat(t.episodes()).isEqualTo(s.episodes());
        assertThat(t.end().actions()).isEqualTo(s.end().actions());
        assertThat(t.end().rng()).isEqualTo(-5L);
        // a recurrent policy's states: at each step, and the slot's live one
        assertThat(t.states()).containsExactly(1, 2, 3, 4);
        assertThat(t.end().recurrent()).containsExactly(0.5f, -0.25f);
        assertThat(back.round()).isEqualTo(7);

        Wire.Collect c = new Wire.Collect(4, 99, 128, 12, Double.NaN,
                new Wire.Normalization(true, 10, new double[] {1, 2}, new double[] {3, 4}, 5),
                List.of(new Wire.Assigned(0, null), new Wire.Assigned(1, new SlotState(0, 1, new byte[0], null))));
        Wire.Collect c2 = (Wire.Collect) roundTrip(c);
        assertThat(c2.slots()).hasSize(2);
        assertThat(c2.slots().get(0).state()).isNull();
        assertThat(c2.slots().get(1).state().rng()).isNull();
        assertThat(c2.observation().var()).containsExactly(3, 4);
        assertThat(c2.fixedLogStd()).isNaN();

        Wire.Weights w = (Wire.Weights) roundTrip(new Wire.Weights(3, List.of(
                new VariableState("pi/w", new long[] {2, 2}, new float[] {1, 2, 3, 4}))));
        assertThat(w.variables().get(0).values()).containsExactly(1, 2, 3, 4);
        assertThat(w.variables().get(0).shape()).containsExactly(2, 2);
        assertThat(((Wire.Finished) roundTrip(new Wire.Finished("done"))).reason()).isEqualTo("done");
    }

    @Test
    void pixelsTravelAsBytesAndComeBackExact() throws Exception {
        Segment s = segment();
        float[] pixels = new float[6];
        for (int k = 0; k < 6; k++) {
            pixels[k] = k * 51; // 0 .. 255
        }
        Segment p = new Segment(s.slot(), pixels, s.actions(), s.logProbs(), s.distributions(), s.values(), s.rewards(),
                s.terminated(), s.truncated(), s.truncatedValues(), s.lastValue(), s.episodes(), s.end(), s.states());
        byte[] asFloats = wire.toBinary(new Wire.Segments(1, "w", 0, s, 0, 0));
        byte[] asBytes = wire.toBinary(new Wire.Segments(1, "w", 0, p, 0, 0));
        assertThat(asBytes.length).isEqualTo(asFloats.length - 6 * 3);
        assertThat(((Wire.Segments) wire.fromBinary(asBytes, "S")).piece().observations()).isEqualTo(pixels);
    }

    @Test
    void aSegmentSplitIntoPiecesIsPutBackTogetherExactly() {
        int t = 50;
        int obs = 1000;
        java.util.Random random = new java.util.Random(1);
        float[] o = new float[(t + 1) * obs];
        for (int k = 0; k < o.length; k++) {
            o[k] = random.nextFloat();
        }
        float[] v = new float[t];
        boolean[] ended = new boolean[t];
        ended[20] = true;
        float[] states = new float[t * 3]; // a recurrent policy's state at every step
        for (int k = 0; k < states.length; k++) {
            states[k] = random.nextFloat();
        }
        Segment s = new Segment(2, o, new float[t], v.clone(), new float[t * 2], v.clone(), new double[t], ended,
                new boolean[t], new float[t], 7f, List.of(new Segment.EndedEpisode(20, 5, 21)),
                new SlotState(1, 2, new byte[4], 3L, new float[3]), states);
        List<Segment> pieces = SegmentPieces.split(s, 1 << 16); // 64 KiB: about 8 steps of 4 KB per piece
        assertThat(pieces.size()).isGreaterThan(4);
        SegmentPieces.Assembly a = new SegmentPieces.Assembly(2, t, obs, 1, 2, 3);
        int from = 0;
        for (Segment p : pieces) {
            assertThat(wire.toBinary(new Wire.Segments(1, "w", from, p, 0, 0)).length).isLessThan(1 << 16);
            assertThat(a.add(from, p)).isNull();
            from += p.numSteps();
        }
        assertThat(a.segment().observations()).isEqualTo(o);
        assertThat(a.segment().terminated()).isEqualTo(ended);
        assertThat(a.segment().episodes()).isEqualTo(s.episodes());
        assertThat(a.segment().lastValue()).isEqualTo(7f);
        assertThat(a.segment().states()).isEqualTo(states);
        assertThat(new SegmentPieces.Assembly(2, t, obs, 1, 2, 3).add(8, pieces.get(1))).contains("where step 0");
    }

    @Test
    void truncatedOrPaddedBytesAreRefused() {
        byte[] bytes = wire.toBinary(new Wire.Segments(7, "w", 0, segment(), 1.5, 2.5));
        for (int cut : new int[] {0, 1, 9, bytes.length / 2, bytes.length - 1}) {
            assertThatThrownBy(() -> wire.fromBinary(Arrays.copyOf(bytes, cut), "S"))
                    .isInstanceOf(NotSerializableException.class).hasMessageContaining("malformed");
        }
        assertThatThrownBy(() -> wire.fromBinary(Arrays.copyOf(bytes, bytes.length + 3), "S"))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("after its end");
        assertThatThrownBy(() -> wire.fromBinary(bytes, "Q")).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("unknown");
    }

    @Test
    void aLengthLargerThanTheMessageIsRefusedWithoutAllocatingIt() {
        // round, worker "w", act, env, from, slot, float32 observations, then a length of 2^31-1
        ByteBuffer b = ByteBuffer.allocate(8 + 3 + 16 + 4 + 4 + 1 + 4);
        b.putLong(1).putShort((short) 1).put((byte) 'w').putDouble(0).putDouble(0).putInt(0).putInt(0).put((byte) 0)
                .putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> wire.fromBinary(b.array(), "S")).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("does not fit");
        ByteBuffer v = ByteBuffer.allocate(8 + 4 + 4 + 1 + 4 + 4);
        v.putLong(1).putInt(1).putShort((short) 1).put((byte) 'x').putInt(0).putInt(500_000_000);
        assertThatThrownBy(() -> wire.fromBinary(v.array(), "V")).isInstanceOf(NotSerializableException.class);
    }
}
