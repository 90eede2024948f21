package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

class TensorBoardWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesCheckedTfRecordsOfScalarEvents() throws Exception {
        TensorBoardWriter writer = new TensorBoardWriter(dir);
        writer.write("train/approx_kl", 512, 0.0125);
        writer.write("rollout/episode_return", 1024, 42.5);
        writer.close();
        byte[] bytes = Files.readAllBytes(writer.file());
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] length = new byte[8];
            in.get(length);
            assertThat(in.getInt()).isEqualTo(TensorBoardWriter.maskedCrc(length));
            byte[] data = new byte[(int) ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            in.get(data);
            assertThat(in.getInt()).isEqualTo(TensorBoardWriter.maskedCrc(data));
            events.add(Event.parseFrom(data));
        }
        assertThat(events).hasSize(3);
        assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(1).getStep()).isEqualTo(512);
        assertThat(events.get(1).getSummary().getValue(0).getTag()).isEqualTo("train/approx_kl");
        assertThat(events.get(1).getSummary().getValue(0).getSimpleValue()).isEqualTo(0.0125f);
        assertThat(events.get(2).getSummary().getValue(0).getSimpleValue()).isEqualTo(42.5f);
        assertThat(writer.file().getFileName().toString()).startsWith("events.out.tfevents.");
    }

    @Test
    void maskedCrcIsTheRotatedCrc32cPlusTensorFlowsDelta() {
        // CRC-32C("123456789") = 0xE3069283 (the standard check value); rotated right by 15 bits
        // it is 0x2507C60D, plus TensorFlow's mask delta 0xA282EAD8 gives 0xC78AB0E5
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(TensorBoardWriter.maskedCrc(check)).isEqualTo(0xC78AB0E5);
    }
}
