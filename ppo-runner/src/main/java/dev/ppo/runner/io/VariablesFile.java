package dev.ppo.runner.io;

import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.error.PpoException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The model's variables on disk: a small self-describing binary format (magic, version, then per
 * variable its name, shape and big-endian floats) closed by a CRC32, so a truncated or corrupted
 * file is detected instead of silently loading garbage.
 */
public final class VariablesFile {

    private static final int MAGIC = 0x50504F4A; // "PPOJ"
    private static final int VERSION = 1;

    private VariablesFile() {
    }

    public static void write(Path file, List<VariableState> variables) throws IOException {
        CRC32 crc = new CRC32();
        try (DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file)), crc))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(variables.size());
            for (VariableState v : variables) {
                out.writeUTF(v.name());
                out.writeInt(v.shape().length);
                for (long d : v.shape()) {
                    out.writeLong(d);
                }
                for (float f : v.values()) {
                    out.writeFloat(f);
                }
            }
            out.flush();
            out.writeLong(crc.getValue());
        }
    }

    /** @throws PpoException naming the file when it is not a valid variables file */
    public static List<VariableState> read(Path file) {
        CRC32 crc = new CRC32();
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new PpoException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file)), crc))) {
            if (in.readInt() != MAGIC) {
                throw new PpoException(file + " is not a ppo-java variables file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new PpoException(file + " has format version " + version + "; this build reads " + VERSION);
            }
            int count = in.readInt();
            // sizes read from the file are bounded by its length, so a corrupted header cannot ask for gigabytes
            if (count < 0 || count > length / 8) {
                throw new PpoException(file + " is corrupted: it claims " + count + " variables in " + length + " bytes");
            }
            long remaining = length - 12;
            List<VariableState> variables = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new PpoException(file + " is corrupted: variable " + name + " has rank " + rank);
                }
                long[] shape = new long[rank];
                long size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                    if (shape[d] < 0 || shape[d] > remaining) {
                        throw new PpoException(file + " is corrupted: variable " + name + " has dimension " + shape[d]);
                    }
                    size *= shape[d];
                    if (size > remaining / 4) {
                        throw new PpoException(file + " is corrupted: variable " + name + " is larger than the file");
                    }
                }
                if (size < 0 || size > Integer.MAX_VALUE) {
                    throw new PpoException(file + " is corrupted: variable " + name + " has size " + size);
                }
                float[] values = new float[(int) size];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readFloat();
                    if (!Float.isFinite(values[k])) {
                        throw new PpoException(file + " holds a non-finite value in variable " + name
                                + "; a diverged model is never checkpointed, so the file is corrupted");
                    }
                }
                remaining -= 4L * size;
                variables.add(new VariableState(name, shape, values));
            }
            long expected = crc.getValue();
            long stored = in.readLong();
            if (stored != expected) {
                throw new PpoException(file + " is corrupted: checksum mismatch");
            }
            return variables;
        } catch (EOFException e) {
            throw new PpoException(file + " is truncated or corrupted", e);
        } catch (IOException e) {
            throw new PpoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
