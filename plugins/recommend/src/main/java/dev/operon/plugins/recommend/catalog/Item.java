package dev.operon.plugins.recommend.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/**
 * An item of the catalogue, as the upsert operation takes it and the others return it.
 *
 * @param itemId     the id events carry for it (opaque string)
 * @param title      shown in reasons ("because you viewed <title>"); the id when absent
 * @param category   used by category filters and the diversity cap; may be null
 * @param price      may be null
 * @param available  false: never recommended (default true)
 * @param properties any other properties (brand, tags, ...), used by boosts
 * @param updatedAt  when it was last written (ignored on input)
 */
public record Item(@NotBlank @Size(max = 200) String itemId, @Size(max = 500) String title,
                   @Size(max = 200) String category, @PositiveOrZero Double price, Boolean available,
                   Map<String, Object> properties, Instant updatedAt) {

    public Item {
        available = available == null ? Boolean.TRUE : available;
        properties = properties == null ? Map.of() : properties;
    }

    /** An item with only the fields serving needs. */
    public static Item of(String itemId, String category, boolean available) {
        return new Item(itemId, null, category, null, available, Map.of(), null);
    }

    /** The title, or the id when it has none. */
    public String label() {
        return title == null || title.isBlank() ? itemId : title;
    }

    /**
     * A property by name: the fixed fields ({@code category}, {@code price}, {@code available}, {@code title}) or
     * one of {@link #properties()}.
     */
    public Object property(String name) {
        return switch (name) {
            case "category" -> category;
            case "price" -> price;
            case "available" -> available;
            case "title" -> title;
            default -> properties.get(name);
        };
    }
}
