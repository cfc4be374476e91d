package dev.operon.examples.imageclassifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An image folder with one sub-folder per class, split into training and validation images and loaded as tensors.
 * The split is stratified and deterministic: within each class the files are sorted by name, shuffled with the seed,
 * and the first {@code validationFraction} of them (at least one) are held out.
 */
final class ImageFolderData {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    final List<String> classes;
    final NDArray trainImages;
    final NDArray trainLabels;
    final NDArray validationImages;
    final NDArray validationLabels;
    final int skipped;

    private ImageFolderData(List<String> classes, NDArray trainImages, NDArray trainLabels, NDArray validationImages,
                            NDArray validationLabels, int skipped) {
        this.classes = classes;
        this.trainImages = trainImages;
        this.trainLabels = trainLabels;
        this.validationImages = validationImages;
        this.validationLabels = validationLabels;
        this.skipped = skipped;
    }

    /**
     * Loads {@code folder} into {@code manager}. A folder that does not exist, has fewer than two classes or a class
     * with fewer than two images is a {@link PermanentTaskFailure}; unreadable files are logged and skipped.
     */
    static ImageFolderData load(Path folder, int size, double validationFraction, int seed, NDManager manager,
                                TaskContext context) throws IOException {
        List<String> classes = classes(folder);
        try (NDManager scratch = manager.newSubManager()) {
            return load(folder, classes, size, validationFraction, seed, scratch, manager, context);
        }
    }

    private static ImageFolderData load(Path folder, List<String> classes, int size, double validationFraction,
                                        int seed, NDManager scratch, NDManager manager, TaskContext context)
            throws IOException {
        List<NDArray> trainX = new ArrayList<>();
        List<Float> trainY = new ArrayList<>();
        List<NDArray> validX = new ArrayList<>();
        List<Float> validY = new ArrayList<>();
        int skipped = 0;
        int loaded = 0;
        for (int label = 0; label < classes.size(); label++) {
            List<Path> files = imageFiles(folder.resolve(classes.get(label)));
            if (files.size() < 2) {
                throw new PermanentTaskFailure("class '" + classes.get(label) + "' has " + files.size()
                        + " image(s); each class needs at least 2 (one to train on, one to validate)");
            }
            Collections.shuffle(files, new Random(seed * 31L + label));
            int held = Math.max(1, (int) Math.round(files.size() * validationFraction));
            for (int i = 0; i < files.size(); i++) {
                context.checkCancelled();
                Path file = files.get(i);
                NDArray tensor;
                try {
                    tensor = ImageTensors.toTensor(scratch, ImageDecoder.decode(Files.readAllBytes(file)), size);
                } catch (ImageDecoder.UnreadableImageException e) {
                    context.log().warn("skipped " + folder.relativize(file) + ": " + e.getMessage());
                    skipped++;
                    continue;
                }
                (i < held ? validX : trainX).add(tensor);
                (i < held ? validY : trainY).add((float) label);
                if (++loaded % 200 == 0) {
                    context.progress(0, "loaded " + loaded + " images");
                }
            }
        }
        if (trainX.isEmpty() || validX.isEmpty()) {
            throw new PermanentTaskFailure("no readable images to train or validate on in " + folder);
        }
        return new ImageFolderData(classes, stack(trainX, manager), labels(manager, trainY),
                stack(validX, manager), labels(manager, validY), skipped);
    }

    private static List<String> classes(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new PermanentTaskFailure("image folder " + folder + " does not exist or is not a folder");
        }
        List<String> classes;
        try (Stream<Path> entries = Files.list(folder)) {
            classes = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
        if (classes.size() < 2) {
            throw new PermanentTaskFailure("image folder " + folder + " has " + classes.size() + " class"
                    + " sub-folder(s); it needs one sub-folder per class, at least 2");
        }
        return classes;
    }

    private static List<Path> imageFiles(Path classFolder) throws IOException {
        try (Stream<Path> entries = Files.list(classFolder)) {
            return new ArrayList<>(entries.filter(Files::isRegularFile).filter(ImageFolderData::isImageName)
                    .sorted().toList());
        }
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** One (n, 3, size, size) array owned by {@code manager}; the per-image arrays stay in the scratch manager. */
    private static NDArray stack(List<NDArray> tensors, NDManager manager) {
        NDArray stacked = NDArrays.stack(new NDList(tensors));
        stacked.attach(manager);
        return stacked;
    }

    private static NDArray labels(NDManager manager, List<Float> labels) {
        float[] values = new float[labels.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels.get(i);
        }
        return manager.create(values);
    }
}
