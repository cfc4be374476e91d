package dev.operon.core.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A source to create.
 *
 * @param name unique, 1-200 characters: letters, digits, space and {@code . _ - :}
 */
public record NewSource(
        @NotBlank @Size(max = 200)
        @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._:-]*", message = "letters, digits, space and . _ - : only")
        String name) {
}
