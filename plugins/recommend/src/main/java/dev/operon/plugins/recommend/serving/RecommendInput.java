package dev.operon.plugins.recommend.serving;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A recommendation request.
 *
 * @param user              a user id, an anonymous id or a profile id
 * @param n                 how many items, 1 to 100 (default 10)
 * @param context           where the request comes from: {@code item} (the item being viewed: counts as the latest
 *                          history item and is excluded), {@code segment} (overrides the profile's), anything else
 *                          is kept with the request
 * @param exclude           item ids never to return
 * @param categories        when not empty, only items of these categories
 * @param excludeCategories items of these categories are left out
 * @param excludeSeen       leave out what the user already interacted with (default: the {@code exclude-seen} setting)
 * @param boosts            boosts by property (default: the {@code boosts} setting)
 * @param maxPerCategory    at most this many items of one category (default: the setting, or the A/B variant's)
 * @param diversity         MMR diversity 0..1 (default: the setting, or the A/B variant's)
 */
public record RecommendInput(@NotBlank @Size(max = 500) String user, @Min(1) @Max(100) Integer n,
                             @Size(max = 50) Map<String, Object> context,
                             @Size(max = 1000) List<@NotBlank @Size(max = 200) String> exclude,
                             @Size(max = 100) List<@NotBlank @Size(max = 200) String> categories,
                             @Size(max = 100) List<@NotBlank @Size(max = 200) String> excludeCategories,
                             Boolean excludeSeen, @Size(max = 20) List<@Valid Boost> boosts,
                             @Min(0) @Max(100) Integer maxPerCategory,
                             @DecimalMin("0") @DecimalMax("1") Double diversity) {

    public RecommendInput {
        context = context == null ? Map.of() : context;
        exclude = exclude == null ? List.of() : exclude;
        categories = categories == null ? List.of() : categories;
        excludeCategories = excludeCategories == null ? List.of() : excludeCategories;
    }

    /** A request for {@code n} items and nothing else. */
    public static RecommendInput of(String user, int n) {
        return new RecommendInput(user, n, null, null, null, null, null, null, null, null);
    }

    /** The count asked for, or 10. */
    public int count() {
        return n == null ? 10 : n;
    }
}
