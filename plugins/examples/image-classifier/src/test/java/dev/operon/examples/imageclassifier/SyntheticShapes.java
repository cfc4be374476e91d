package dev.operon.examples.imageclassifier;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws small noisy images of circles, squares and triangles: random background and shape colours (the shape darker
 * than its background by a clear margin of luminance), random size and position, squares slightly and triangles fully
 * rotated, Gaussian pixel noise.
 */
final class SyntheticShapes {

    static final List<String> SHAPES = List.of("circle", "square", "triangle");

    private final int size;

    SyntheticShapes(int size) {
        this.size = size;
    }

    /** Writes {@code perClass} PNG files of each shape into {@code folder/<shape>/}. */
    void writeFolder(Path folder, int perClass, long seed) throws IOException {
        Random random = new Random(seed);
        for (String shape : SHAPES) {
            Path classFolder = Files.createDirectories(folder.resolve(shape));
            for (int i = 0; i < perClass; i++) {
                Files.write(classFolder.resolve(String.format("%s-%04d.png", shape, i)), png(shape, random));
            }
        }
    }

    /** One PNG of {@code shape}. */
    byte[] png(String shape, Random random) {
        BufferedImage image = draw(shape, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    BufferedImage draw(String shape, Random random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color background = randomColor(random);
        Color foreground = randomColor(random);
        while (luminance(background) - luminance(foreground) < 60) {
            background = randomColor(random);
            foreground = randomColor(random);
        }
        g.setColor(background);
        g.fillRect(0, 0, size, size);
        double side = size * (0.35 + 0.4 * random.nextDouble());
        double margin = side / 2 + 1;
        double cx = margin + random.nextDouble() * (size - 2 * margin);
        double cy = margin + random.nextDouble() * (size - 2 * margin);
        g.setColor(foreground);
        switch (shape) {
            case "circle" -> g.fill(new Ellipse2D.Double(cx - side / 2, cy - side / 2, side, side));
            case "square" -> {
                double s = side * 0.8;
                g.fill(rotated(new Rectangle2D.Double(cx - s / 2, cy - s / 2, s, s), (random.nextDouble() - 0.5)
                        * Math.toRadians(40), cx, cy));
            }
            case "triangle" -> {
                Path2D.Double triangle = new Path2D.Double();
                for (int corner = 0; corner < 3; corner++) {
                    double angle = -Math.PI / 2 + corner * 2 * Math.PI / 3;
                    double x = cx + side / 2 * Math.cos(angle);
                    double y = cy + side / 2 * Math.sin(angle);
                    if (corner == 0) {
                        triangle.moveTo(x, y);
                    } else {
                        triangle.lineTo(x, y);
                    }
                }
                triangle.closePath();
                g.fill(rotated(triangle, random.nextDouble() * 2 * Math.PI, cx, cy));
            }
            default -> throw new IllegalArgumentException(shape);
        }
        g.dispose();
        addNoise(image, random, 12);
        return image;
    }

    private static java.awt.Shape rotated(java.awt.Shape shape, double angle, double cx, double cy) {
        return AffineTransform.getRotateInstance(angle, cx, cy).createTransformedShape(shape);
    }

    private static void addNoise(BufferedImage image, Random random, double sigma) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = clamp(((rgb >> 16) & 0xff) + random.nextGaussian() * sigma);
                int g = clamp(((rgb >> 8) & 0xff) + random.nextGaussian() * sigma);
                int b = clamp((rgb & 0xff) + random.nextGaussian() * sigma);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
    }

    private static Color randomColor(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static double luminance(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
