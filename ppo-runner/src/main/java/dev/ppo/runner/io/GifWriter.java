package dev.ppo.runner.io;

import dev.ppo.api.env.RgbFrame;
import dev.ppo.runner.error.PpoException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes frames as an animated, looping GIF with the JDK's own ImageIO GIF writer (which builds
 * each frame's palette), so no extra library is needed.
 */
public final class GifWriter implements AutoCloseable {

    private final ImageWriter writer;
    private final ImageOutputStream out;
    private final int delayCentiseconds;
    private final Path file;
    private final double scale;

    /** @param scale size of the GIF relative to the frames (e.g. 0.5 for half width and height) */
    public GifWriter(Path file, double framesPerSecond, double scale) {
        if (!(scale > 0 && scale <= 4)) {
            throw new IllegalArgumentException("GIF scale must be in (0, 4], got " + scale);
        }
        this.file = file;
        this.scale = scale;
        this.delayCentiseconds = Math.max(2, (int) Math.round(100 / framesPerSecond));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer = ImageIO.getImageWritersByFormatName("gif").next();
            out = ImageIO.createImageOutputStream(Files.newOutputStream(file));
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
        } catch (IOException e) {
            throw new PpoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(RgbFrame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                image.setRGB(x, y, frame.channel(x, y, 0) << 16 | frame.channel(x, y, 1) << 8 | frame.channel(x, y, 2));
            }
        }
        if (scale != 1) {
            int w = Math.max(1, (int) Math.round(frame.width() * scale));
            int h = Math.max(1, (int) Math.round(frame.height() * scale));
            BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            image = scaled;
        }
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            String format = metadata.getNativeMetadataFormatName();
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode control = child(root, "GraphicControlExtension");
            control.setAttribute("disposalMethod", "none");
            control.setAttribute("userInputFlag", "FALSE");
            control.setAttribute("transparentColorFlag", "FALSE");
            control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
            control.setAttribute("transparentColorIndex", "0");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
            child(root, "ApplicationExtensions").appendChild(loop);
            metadata.setFromTree(format, root);
            writer.writeToSequence(new IIOImage(image, null, metadata), null);
        } catch (IOException e) {
            throw new PpoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    @Override
    public void close() {
        try {
            writer.endWriteSequence();
            out.close();
        } catch (IOException e) {
            throw new PpoException("cannot finish " + file + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }
}
