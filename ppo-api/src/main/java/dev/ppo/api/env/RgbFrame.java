package dev.ppo.api.env;

/**
 * An RGB image as Gymnasium's {@code render()} returns it: {@code height × width × 3} bytes in
 * C order (row-major, channels last), each an unsigned 0..255 value.
 */
public record RgbFrame(int width, int height, byte[] pixels) {

    public RgbFrame {
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("RgbFrame " + width + "x" + height + " needs "
                    + (width * height * 3) + " bytes, got " + pixels.length);
        }
    }

    /** The red, green or blue value (0..255) at column {@code x}, row {@code y}. */
    public int channel(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xff;
    }
}
