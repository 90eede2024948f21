package dev.ppo.cluster;

import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.algo.Segment;
import dev.ppo.runner.algo.SlotState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * {@link Wire}'s messages as compact big-endian binary: a one-letter manifest names the type, arrays
 * are a length then their elements. Reading checks every length against the bytes that are left,
 * so a malformed message is rejected (Artery drops it and logs why) without allocating what it
 * claims.
 */
public final class WireSerializer extends SerializerWithStringManifest {

    private static final String MAX_BYTES = "pekko.remote.artery.advanced.maximum-large-frame-size";

    private final ActorRefResolver refs;
    private final long maxBytes;

    public WireSerializer(ExtendedActorSystem system) {
        this.refs = ActorRefResolver.get(Adapter.toTyped(system));
        var config = system.settings().config();
        this.maxBytes = config.hasPath(MAX_BYTES) ? config.getBytes(MAX_BYTES) : Long.MAX_VALUE;
    }

    @Override
    public int identifier() {
        return 0x70706f; // "ppo"
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof Wire.Hello) {
            return "H";
        } else if (o instanceof Wire.Welcome) {
            return "W";
        } else if (o instanceof Wire.Collect) {
            return "C";
        } else if (o instanceof Wire.GetWeights) {
            return "G";
        } else if (o instanceof Wire.Weights) {
            return "V";
        } else if (o instanceof Wire.Segments) {
            return "S";
        } else if (o instanceof Wire.Finished) {
            return "F";
        }
        throw new IllegalArgumentException("not a ppo message: " + o.getClass());
    }

    @Override
    public byte[] toBinary(Object o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            if (o instanceof Wire.Hello h) {
                out.writeUTF(refs.toSerializationFormat(h.worker()));
                out.writeUTF(h.name());
            } else if (o instanceof Wire.Welcome w) {
                writeString(out, w.config());
                out.writeUTF(refs.toSerializationFormat(w.learner()));
            } else if (o instanceof Wire.Collect c) {
                out.writeLong(c.round());
                out.writeLong(c.runSeed());
                out.writeInt(c.numSteps());
                out.writeLong(c.version());
                out.writeDouble(c.fixedLogStd());
                out.writeBoolean(c.observation().enabled());
                out.writeDouble(c.observation().clip());
                writeDoubles(out, c.observation().mean());
                writeDoubles(out, c.observation().var());
                out.writeDouble(c.observation().count());
                out.writeInt(c.slots().size());
                for (Wire.Assigned a : c.slots()) {
                    out.writeInt(a.slot());
                    out.writeBoolean(a.state() != null);
                    if (a.state() != null) {
                        writeSlotState(out, a.state());
                    }
                }
            } else if (o instanceof Wire.GetWeights g) {
                out.writeLong(g.version());
                out.writeUTF(refs.toSerializationFormat(g.replyTo()));
            } else if (o instanceof Wire.Weights w) {
                out.writeLong(w.version());
                out.writeInt(w.variables().size());
                for (VariableState v : w.variables()) {
                    out.writeUTF(v.name());
                    out.writeInt(v.shape().length);
                    for (long d : v.shape()) {
                        out.writeLong(d);
                    }
                    writeFloats(out, v.values());
                }
            } else if (o instanceof Wire.Segments s) {
                out.writeLong(s.round());
                out.writeUTF(s.worker());
                out.writeDouble(s.actSeconds());
                out.writeDouble(s.envSeconds());
                out.writeInt(s.from());
                writeSegment(out, s.piece());
            } else if (o instanceof Wire.Finished f) {
                out.writeUTF(f.reason());
            } else {
                throw new IllegalArgumentException("not a ppo message: " + o.getClass());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (bytes.length > maxBytes) {
            // Artery's TCP framing reads a frame whatever its size; the limit is enforced here
            throw new NotSerializableException("a ppo message of " + bytes.length + " bytes exceeds"
                    + " cluster.max_message_bytes = " + maxBytes);
        }
        Reader in = new Reader(ByteBuffer.wrap(bytes));
        try {
            Object message = switch (manifest) {
                case "H" -> new Wire.Hello(ref(in.utf()), in.utf());
                case "W" -> new Wire.Welcome(in.string(), ref(in.utf()));
                case "C" -> readCollect(in);
                case "G" -> new Wire.GetWeights(in.buffer.getLong(), ref(in.utf()));
                case "V" -> readWeights(in);
                case "S" -> readSegments(in);
                case "F" -> new Wire.Finished(in.utf());
                default -> throw new NotSerializableException("unknown ppo message type '" + manifest + "'");
            };
            if (in.buffer.hasRemaining()) {
                throw new NotSerializableException("ppo message '" + manifest + "' has " + in.buffer.remaining()
                        + " bytes after its end");
            }
            return message;
        } catch (BufferUnderflowException | IllegalArgumentException | IllegalStateException e) {
            throw new NotSerializableException("malformed ppo message '" + manifest + "' (" + bytes.length
                    + " bytes): " + e.getMessage());
        }
    }

    private ActorRef<Wire.Message> ref(String path) {
        return refs.resolveActorRef(path);
    }

    private static Wire.Collect readCollect(Reader in) {
        long round = in.buffer.getLong();
        long runSeed = in.buffer.getLong();
        int numSteps = in.index();
        long version = in.buffer.getLong();
        double logStd = in.buffer.getDouble();
        boolean enabled = in.bool();
        double clip = in.buffer.getDouble();
        Wire.Normalization n = new Wire.Normalization(enabled, clip, in.doubles(), in.doubles(), in.buffer.getDouble());
        int count = in.count(5); // a slot and its flag
        List<Wire.Assigned> slots = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int slot = in.index();
            slots.add(new Wire.Assigned(slot, in.bool() ? readSlotState(in) : null));
        }
        return new Wire.Collect(round, runSeed, numSteps, version, logStd, n, slots);
    }

    private static Wire.Weights readWeights(Reader in) {
        long version = in.buffer.getLong();
        int count = in.count(8);
        List<VariableState> variables = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String name = in.utf();
            long[] shape = new long[in.count(8)];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.buffer.getLong();
            }
            variables.add(new VariableState(name, shape, in.floats()));
        }
        return new Wire.Weights(version, variables);
    }

    private static Wire.Segments readSegments(Reader in) {
        long round = in.buffer.getLong();
        String worker = in.utf();
        double act = in.buffer.getDouble();
        double env = in.buffer.getDouble();
        int from = in.index();
        return new Wire.Segments(round, worker, from, readSegment(in), act, env);
    }

    private static void writeSlotState(DataOutputStream out, SlotState s) throws IOException {
        out.writeLong(s.episode());
        out.writeLong(s.seed());
        out.writeInt(s.actions().length);
        out.write(s.actions());
        out.writeBoolean(s.rng() != null);
        out.writeLong(s.rng() != null ? s.rng() : 0);
        out.writeBoolean(s.recurrent() != null);
        if (s.recurrent() != null) {
            writeFloats(out, s.recurrent());
        }
    }

    private static SlotState readSlotState(Reader in) {
        long episode = in.buffer.getLong();
        long seed = in.buffer.getLong();
        byte[] actions = new byte[in.count(1)];
        in.buffer.get(actions);
        boolean hasRng = in.bool();
        long rng = in.buffer.getLong();
        float[] recurrent = in.bool() ? in.floats() : null;
        return new SlotState(episode, seed, actions, hasRng ? rng : null, recurrent);
    }

    private static void writeSegment(DataOutputStream out, Segment s) throws IOException {
        out.writeInt(s.slot());
        writeObservations(out, s.observations());
        writeFloats(out, s.actions());
        writeFloats(out, s.logProbs());
        writeFloats(out, s.distributions());
        writeFloats(out, s.values());
        writeDoubles(out, s.rewards());
        writeBooleans(out, s.terminated());
        writeBooleans(out, s.truncated());
        writeFloats(out, s.truncatedValues());
        out.writeFloat(s.lastValue());
        out.writeInt(s.episodes().size());
        for (Segment.EndedEpisode e : s.episodes()) {
            out.writeInt(e.step());
            out.writeDouble(e.episodeReturn());
            out.writeInt(e.length());
        }
        writeSlotState(out, s.end());
        writeFloats(out, s.states());
    }

    private static Segment readSegment(Reader in) {
        int slot = in.index();
        float[] observations = in.observations();
        float[] actions = in.floats();
        float[] logProbs = in.floats();
        float[] distributions = in.floats();
        float[] values = in.floats();
        double[] rewards = in.doubles();
        boolean[] terminated = in.booleans();
        boolean[] truncated = in.booleans();
        float[] truncatedValues = in.floats();
        float lastValue = in.buffer.getFloat();
        int count = in.count(16);
        List<Segment.EndedEpisode> episodes = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            episodes.add(new Segment.EndedEpisode(in.index(), in.buffer.getDouble(), in.index()));
        }
        SlotState end = readSlotState(in);
        return new Segment(slot, observations, actions, logProbs, distributions, values, rewards, terminated,
                truncated, truncatedValues, lastValue, episodes, end, in.floats());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    /** Pixels (every value an integer 0..255) as one byte each, anything else as float32s. */
    private static void writeObservations(DataOutputStream out, float[] a) throws IOException {
        boolean bytes = true;
        for (float v : a) {
            if (!(v >= 0 && v <= 255 && v == (int) v) || Float.floatToRawIntBits(v) == Integer.MIN_VALUE) {
                bytes = false;
                break;
            }
        }
        out.writeBoolean(bytes);
        if (!bytes) {
            writeFloats(out, a);
            return;
        }
        out.writeInt(a.length);
        byte[] b = new byte[a.length];
        for (int k = 0; k < a.length; k++) {
            b[k] = (byte) (int) a[k];
        }
        out.write(b);
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    private static void writeBooleans(DataOutputStream out, boolean[] a) throws IOException {
        out.writeInt(a.length);
        for (boolean v : a) {
            out.writeBoolean(v);
        }
    }

    /** Reads with every count checked against what is left, so a bad length cannot allocate gigabytes. */
    private record Reader(ByteBuffer buffer) {

        /** A count of elements of at least {@code minBytes} each, all of which must fit in what is left. */
        int count(int minBytes) {
            return sized(buffer.getInt(), minBytes);
        }

        /** A non-negative int (a slot, a step, a length). */
        int index() {
            int n = buffer.getInt();
            if (n < 0) {
                throw new IllegalArgumentException("negative value " + n + " where an index belongs");
            }
            return n;
        }

        boolean bool() {
            byte b = buffer.get();
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException("a boolean byte is " + b);
            }
            return b == 1;
        }

        String utf() {
            int length = Short.toUnsignedInt(buffer.getShort());
            return utf8(length);
        }

        String string() {
            return utf8(sized(buffer.getInt(), 1));
        }

        private String utf8(int length) {
            byte[] b = new byte[sized(length, 1)];
            buffer.get(b);
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }

        private int sized(int n, int elementBytes) {
            if (n < 0 || (long) n * elementBytes > buffer.remaining()) {
                throw new IllegalArgumentException("an array of " + n + " elements does not fit in the "
                        + buffer.remaining() + " bytes left");
            }
            return n;
        }

        float[] observations() {
            if (!bool()) {
                return floats();
            }
            float[] a = new float[sized(buffer.getInt(), 1)];
            for (int k = 0; k < a.length; k++) {
                a[k] = buffer.get() & 0xFF;
            }
            return a;
        }

        float[] floats() {
            float[] a = new float[sized(buffer.getInt(), Float.BYTES)];
            buffer.asFloatBuffer().get(a);
            buffer.position(buffer.position() + a.length * Float.BYTES);
            return a;
        }

        double[] doubles() {
            double[] a = new double[sized(buffer.getInt(), Double.BYTES)];
            buffer.asDoubleBuffer().get(a);
            buffer.position(buffer.position() + a.length * Double.BYTES);
            return a;
        }

        boolean[] booleans() {
            boolean[] a = new boolean[sized(buffer.getInt(), 1)];
            for (int k = 0; k < a.length; k++) {
                a[k] = bool();
            }
            return a;
        }
    }
}
