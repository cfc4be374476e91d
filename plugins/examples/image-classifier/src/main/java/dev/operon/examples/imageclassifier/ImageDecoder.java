package dev.operon.examples.imageclassifier;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files (PNG, JPEG, GIF, BMP) with the JDK's ImageIO. The size is read from the header first, so an
 * image of absurd dimensions is refused before its pixels are allocated.
 */
final class ImageDecoder {

    /** The most pixels an image may have: 40 megapixels. */
    static final long MAX_PIXELS = 40_000_000L;

    private ImageDecoder() {
    }

    /** The image in {@code bytes}, or an {@link UnreadableImageException} saying why not. */
    static Image decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UnreadableImageException("not a readable image (PNG, JPEG, GIF or BMP expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new UnreadableImageException("image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels is empty or larger than " + MAX_PIXELS + " pixels");
                }
                BufferedImage image = reader.read(0);
                return ImageFactory.getInstance().fromImage(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImageException unreadable) {
                throw unreadable;
            }
            throw new UnreadableImageException("not a readable image: " + e.getMessage());
        }
    }

    /** The bytes are not an image this plugin can read. */
    static final class UnreadableImageException extends RuntimeException {
        UnreadableImageException(String message) {
            super(message);
        }
    }
}
