package dev.ppo.tf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Writes TensorBoard event files ({@code events.out.tfevents.<time>.<host>}): TensorFlow's
 * {@code Event} protos (the classes TensorFlow Java ships) framed as TFRecords, each record being
 * {@code length, masked-crc32c(length), data, masked-crc32c(data)}, little-endian.
 *
 * <p>Written directly rather than through the summary ops, which would cost a {@code Session.run}
 * per scalar; the file is what {@code tensorboard --logdir} reads either way.
 */
final class TensorBoardWriter implements AutoCloseable {

    private final OutputStream out;
    private final Path file;

    TensorBoardWriter(Path directory) {
        try {
            Files.createDirectories(directory);
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
            file = directory.resolve("events.out.tfevents." + System.currentTimeMillis() / 1000 + "." + host);
            out = new BufferedOutputStream(Files.newOutputStream(file));
            record(Event.newBuilder().setWallTime(now()).setFileVersion("brain.Event:2").build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a TensorBoard event file in " + directory, e);
        }
    }

    Path file() {
        return file;
    }

    /** One scalar event: {@code value} under {@code tag} at environment step {@code step}. */
    void write(String tag, long step, double value) {
        Summary summary = Summary.newBuilder()
                .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value)).build();
        record(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(summary).build());
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private void record(Event event) {
        byte[] data = event.toByteArray();
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length);
        try {
            out.write(length.array());
            out.write(int32(maskedCrc(length.array())));
            out.write(data);
            out.write(int32(maskedCrc(data)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** TFRecord's checksum: CRC-32C, rotated right by 15 bits plus a constant. */
    static int maskedCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
