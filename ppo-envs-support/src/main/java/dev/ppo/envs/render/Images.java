package dev.ppo.envs.render;

import dev.ppo.api.env.RgbFrame;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * Java2D helpers shared by the envs' {@code render()}: a y-up, anti-aliased canvas as the pygame
 * code draws on (y down, then flipped), and the conversion of a Java2D image to an {@link RgbFrame}.
 */
public final class Images {

    private Images() {
    }

    /**
     * Draws on an anti-aliased {@code width × height} canvas filled with {@code background} whose y
     * axis points up (pygame draws with y down and then flips the surface vertically), and returns
     * the pixels as an {@link RgbFrame}.
     */
    public static RgbFrame drawYUp(int width, int height, Color background, Consumer<Graphics2D> painter) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            g.translate(0, height);
            g.scale(1, -1);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return toRgbFrame(image);
    }

    /** The image's pixels as an {@link RgbFrame}: rows top to bottom, R, G, B bytes per pixel (alpha dropped). */
    public static RgbFrame toRgbFrame(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = packedRgb(image, width, height);
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < argb.length; i++) {
            pixels[3 * i] = (byte) (argb[i] >> 16);
            pixels[3 * i + 1] = (byte) (argb[i] >> 8);
            pixels[3 * i + 2] = (byte) argb[i];
        }
        return new RgbFrame(width, height, pixels);
    }

    /** One {@code 0x??RRGGBB} int per pixel, row-major. */
    private static int[] packedRgb(BufferedImage image, int width, int height) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            // The raster already holds packed (A)RGB ints: copy them in one block instead of
            // getRGB's colour-model call per pixel (the bytes kept are the same).
            return (int[]) image.getRaster().getDataElements(0, 0, width, height, null);
        }
        return image.getRGB(0, 0, width, height, null, 0, width);
    }
}
