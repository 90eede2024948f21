package dev.ppo.runner.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** The actions one env took since its last reset, growable, for replaying the episode on resume. */
final class ActionLog {

    private final int actionSize;
    private float[] values = new float[256];
    private int size;

    ActionLog(int actionSize) {
        this.actionSize = actionSize;
    }

    void clear() {
        size = 0;
    }

    void add(float[] action) {
        if (size + actionSize > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + actionSize));
        }
        System.arraycopy(action, 0, values, size, actionSize);
        size += actionSize;
    }

    /** Little-endian float32s, the exact bits (Jackson writes a byte[] as Base64). */
    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(size * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(values, 0, size);
        return out.array();
    }

    static float[][] fromBytes(byte[] bytes, int actionSize) {
        if (bytes.length % (actionSize * Float.BYTES) != 0) {
            throw new IllegalArgumentException("an env's saved actions are " + bytes.length
                    + " bytes, not a whole number of " + actionSize + "-float actions");
        }
        var floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[][] out = new float[bytes.length / (actionSize * Float.BYTES)][actionSize];
        for (float[] action : out) {
            floats.get(action);
        }
        return out;
    }
}
