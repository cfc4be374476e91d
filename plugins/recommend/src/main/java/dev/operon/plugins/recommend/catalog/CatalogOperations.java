package dev.operon.plugins.recommend.catalog;

import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The catalogue's operations: upsert, get, list (paged), delete and import (CSV or JSON Lines content). */
public final class CatalogOperations {

    /** Import content taken by the operation; larger files go through the {@code recommend.import-items} task. */
    public static final int MAX_CONTENT = 900_000;

    private CatalogOperations() {
    }

    /** Which item. */
    public record ItemId(@NotBlank @Size(max = 200) String itemId) {
    }

    /**
     * A page of the catalogue, in item id order.
     *
     * @param category  only this category
     * @param available only available (true) or unavailable (false) items
     * @param after     only ids after this one (a cursor: the last id of the previous page)
     * @param offset    rows to skip
     * @param limit     rows (default 50, at most 1000)
     */
    public record ListInput(@Size(max = 200) String category, Boolean available, @Size(max = 200) String after,
                            @Min(0) int offset, @Min(0) @Max(1000) int limit) {
    }

    /**
     * A catalogue file's content.
     *
     * @param format  {@code csv} or {@code jsonl}
     * @param content the text (CSV with a header naming item_id, or one JSON object per line)
     */
    public record ImportInput(@NotBlank String format, @NotNull @Size(max = MAX_CONTENT) String content) {
    }

    /** What an import wrote. */
    public record ImportResult(int imported, long catalogueSize) {
    }

    public static List<Operation<?, ?>> all(CatalogCache cache) {
        return List.of(
                Operation.action("upsert-item", "Add or change an item",
                        "Inserts the item or replaces every field of the one with the same id.", Item.class,
                        Item.class, (c, in) -> {
                            ItemStore store = new ItemStore(c.data());
                            Item before = store.get(in.itemId()).orElse(null);
                            store.upsertAll(List.of(checked(in)));
                            cache.invalidate();
                            Item after = store.get(in.itemId()).orElseThrow();
                            c.audit(before, after);
                            return after;
                        }),
                Operation.query("get-item", "Item", "One item of the catalogue.", ItemId.class, Item.class,
                        (c, in) -> new ItemStore(c.data()).get(in.itemId()).orElseThrow(
                                () -> OperationException.notFound("no item '" + in.itemId() + "'"))),
                Operation.query("list-items", "Items", "A page of the catalogue in id order, by category and"
                        + " availability.", ListInput.class, List.class, (c, in) -> new ItemStore(c.data()).list(
                        blankToNull(in.category()), in.available(), blankToNull(in.after()), in.offset(),
                        in.limit() == 0 ? 50 : in.limit())),
                Operation.action("delete-item", "Delete an item", "Removes an item from the catalogue; it is not"
                        + " recommended any more.", ItemId.class, Item.class, (c, in) -> {
                            Item deleted = new ItemStore(c.data()).delete(in.itemId()).orElseThrow(
                                    () -> OperationException.notFound("no item '" + in.itemId() + "'"));
                            cache.invalidate();
                            c.audit(deleted, null);
                            return deleted;
                        }),
                Operation.action("import-items", "Import items", "Adds or replaces items from CSV or JSON Lines"
                        + " content, all or nothing: a file with any bad record changes nothing and the answer"
                        + " names each bad line. Files above about 900 kB: the recommend.import-items task.",
                        ImportInput.class, ImportResult.class, (c, in) -> {
                            ItemFile.Format format = ItemFile.Format.parse(in.format());
                            if (format == null) {
                                throw OperationException.invalid(List.of(new OperationException.FieldError(
                                        "format", "must be csv or jsonl, not '" + in.format() + "'")));
                            }
                            ItemFile.Parsed parsed = ItemFile.parse(in.content(), format);
                            if (!parsed.ok()) {
                                throw refusal(parsed);
                            }
                            ItemStore store = new ItemStore(c.data());
                            int written = store.upsertAll(parsed.items());
                            cache.invalidate();
                            ImportResult result = new ImportResult(written, store.count());
                            c.audit(null, Map.of("format", format.name().toLowerCase(), "imported", written,
                                    "items", parsed.items().stream().limit(20).map(Item::itemId).toList()));
                            return result;
                        }));
    }

    /** The upsert's own checks beyond the record's constraints. */
    private static Item checked(Item in) {
        if (in.price() != null && !Double.isFinite(in.price())) {
            throw OperationException.invalid(List.of(new OperationException.FieldError("price",
                    "must be a finite number")));
        }
        return new Item(in.itemId().strip(), in.title(), in.category(), in.price(), in.available(), in.properties(),
                null);
    }

    static OperationException refusal(ItemFile.Parsed parsed) {
        List<OperationException.FieldError> errors = parsed.problems().stream()
                .map(p -> new OperationException.FieldError("content", p.toString())).toList();
        String message = parsed.problemCount() + " bad record(s), nothing was imported: "
                + parsed.problems().get(0);
        return new OperationException(422, message, errors);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
