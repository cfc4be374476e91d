package dev.operon.examples.imageclassifier;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An image to classify.
 *
 * @param image the file's bytes (PNG, JPEG, GIF or BMP); base64 in JSON
 */
public record ClassifyInput(@NotNull @Size(min = 1, max = ClassifyInput.MAX_BYTES) byte[] image) {

    /** The largest accepted upload: 10 MB. */
    public static final int MAX_BYTES = 10_000_000;
}
