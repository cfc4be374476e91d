package dev.operon.plugins.recommend.serving;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Items like one item.
 *
 * @param item       the item id
 * @param n          how many, 1 to 100 (default 10)
 * @param exclude    item ids never to return
 * @param categories when not empty, only items of these categories
 */
public record SimilarInput(@NotBlank @Size(max = 200) String item, @Min(1) @Max(100) Integer n,
                           @Size(max = 1000) List<@NotBlank @Size(max = 200) String> exclude,
                           @Size(max = 100) List<@NotBlank @Size(max = 200) String> categories) {

    public SimilarInput {
        exclude = exclude == null ? List.of() : exclude;
        categories = categories == null ? List.of() : categories;
    }

    public int count() {
        return n == null ? 10 : n;
    }
}
