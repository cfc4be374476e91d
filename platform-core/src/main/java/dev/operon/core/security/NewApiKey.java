package dev.operon.core.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /api/v1/api-keys}. */
public record NewApiKey(
        @NotBlank @Size(max = 100) String name,
        @NotEmpty(message = "name at least one scope: ingest, read, operate or admin")
        List<@NotNull String> scopes) {
}
