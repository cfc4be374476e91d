package dev.operon.plugins.recommend.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Shop;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.testkit.InvalidInputException;
import dev.operon.sdk.testkit.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue through its operations and import task, on the kit's PostgreSQL; bad input changes nothing. */
class CatalogOperationsTest {

    @Test
    void upsertGetListPagesAndDelete() throws Exception {
        try (Shop shop = new Shop()) {
            for (int i = 0; i < 5; i++) {
                shop.kit.call("upsert-item", Map.of("itemId", "sku-" + i, "title", "Shoe " + i, "category",
                        i < 3 ? "shoes" : "hats", "price", 10 + i, "properties", Map.of("colour", "red")));
            }
            Item got = shop.kit.call("get-item", Map.of("itemId", "sku-1"));
            assertEquals("Shoe 1", got.title());
            assertEquals(11.0, got.price());
            assertTrue(got.available());
            assertEquals("red", got.properties().get("colour"));

            List<Item> first = shop.kit.call("list-items", Map.of("limit", 2));
            assertEquals(List.of("sku-0", "sku-1"), first.stream().map(Item::itemId).toList());
            List<Item> next = shop.kit.call("list-items", Map.of("limit", 2, "after", "sku-1"));
            assertEquals(List.of("sku-2", "sku-3"), next.stream().map(Item::itemId).toList());
            List<Item> offset = shop.kit.call("list-items", Map.of("limit", 2, "offset", 4));
            assertEquals(List.of("sku-4"), offset.stream().map(Item::itemId).toList());
            List<Item> hats = shop.kit.call("list-items", Map.of("category", "hats"));
            assertEquals(2, hats.size());

            shop.kit.call("upsert-item", Map.of("itemId", "sku-1", "title", "Shoe one", "available", false));
            Item changed = shop.kit.call("get-item", Map.of("itemId", "sku-1"));
            assertFalse(changed.available());
            assertEquals(null, changed.category(), "an upsert replaces every field");
            List<Item> unavailable = shop.kit.call("list-items", Map.of("available", false));
            assertEquals(List.of("sku-1"), unavailable.stream().map(Item::itemId).toList());

            Item deleted = shop.kit.call("delete-item", Map.of("itemId", "sku-1"));
            assertEquals("Shoe one", deleted.title());
            OperationException gone = assertThrows(OperationException.class,
                    () -> shop.kit.call("get-item", Map.of("itemId", "sku-1")));
            assertEquals(404, gone.status());
            assertEquals(404, assertThrows(OperationException.class,
                    () -> shop.kit.call("delete-item", Map.of("itemId", "sku-1"))).status());
            assertTrue(shop.kit.auditLog().stream().anyMatch(a -> a.operation().equals("delete-item")
                    && a.before() != null));
        }
    }

    @Test
    void badItemsAreRefusedByField() {
        try (Shop shop = new Shop()) {
            assertEquals(List.of("price"), assertThrows(InvalidInputException.class, () -> shop.kit.call(
                    "upsert-item", Map.of("itemId", "x", "price", -1))).fields());
            assertEquals(List.of("itemId"), assertThrows(InvalidInputException.class, () -> shop.kit.call(
                    "upsert-item", Map.of("itemId", ""))).fields());
            assertEquals(List.of("itemId"), assertThrows(InvalidInputException.class, () -> shop.kit.call(
                    "upsert-item", Map.of("itemId", "x".repeat(201)))).fields());
            assertEquals(List.of("limit"), assertThrows(InvalidInputException.class, () -> shop.kit.call(
                    "list-items", Map.of("limit", 5000))).fields());
        }
    }

    @Test
    void importIsAllOrNothing() throws Exception {
        try (Shop shop = new Shop()) {
            shop.kit.call("upsert-item", Map.of("itemId", "keep", "title", "Kept", "price", 3));
            String csv = "item_id,title,category,price,available,brand\n"
                    + "a,\"Boots, waterproof\",shoes,59.5,true,acme\n"
                    + "b,Cap,hats,12,no,\n"
                    + "keep,Replaced,misc,4,yes,zeta\n";
            CatalogOperations.ImportResult ok = shop.kit.call("import-items", Map.of("format", "csv",
                    "content", csv));
            assertEquals(3, ok.imported());
            assertEquals(3, ok.catalogueSize());
            Item a = shop.kit.call("get-item", Map.of("itemId", "a"));
            assertEquals("Boots, waterproof", a.title());
            assertEquals("acme", a.properties().get("brand"));
            Item b = shop.kit.call("get-item", Map.of("itemId", "b"));
            assertFalse(b.available());

            String bad = "item_id,title,price\n"
                    + "c,New,5\n"
                    + "keep,Broken,abc\n"
                    + ",No id,1\n"
                    + "d,\"unclosed,2\n";
            OperationException refused = assertThrows(OperationException.class, () -> shop.kit.call(
                    "import-items", Map.of("format", "csv", "content", bad)));
            assertEquals(422, refused.status());
            assertEquals(3, refused.errors().size(), refused.errors().toString());
            assertTrue(refused.errors().get(0).message().startsWith("line 3: price 'abc'"), refused.errors().toString());
            assertTrue(refused.errors().get(1).message().startsWith("line 4: item_id is missing"));
            assertTrue(refused.errors().get(2).message().startsWith("line 5: a quoted field is not closed"));
            Item kept = shop.kit.call("get-item", Map.of("itemId", "keep"));
            assertEquals("Replaced", kept.title(), "the refused file changed nothing");
            assertEquals(404, assertThrows(OperationException.class,
                    () -> shop.kit.call("get-item", Map.of("itemId", "c"))).status(), "not even its good lines");

            String jsonl = "{\"item_id\":\"j1\",\"title\":\"Json one\",\"price\":1.5,\"properties\":{\"tags\":[\"x\"]}}\n"
                    + "\n{\"itemId\":\"j2\",\"available\":false,\"colour\":\"blue\"}\n";
            CatalogOperations.ImportResult lines = shop.kit.call("import-items", Map.of("format", "jsonl",
                    "content", jsonl));
            assertEquals(2, lines.imported());
            Item j2 = shop.kit.call("get-item", Map.of("itemId", "j2"));
            assertEquals("blue", j2.properties().get("colour"));
            assertFalse(j2.available());

            OperationException badJson = assertThrows(OperationException.class, () -> shop.kit.call("import-items",
                    Map.of("format", "jsonl", "content", "{\"item_id\":\"j3\"}\n{\"item_id\": }\n[1]\n")));
            assertEquals(2, badJson.errors().size(), badJson.errors().toString());
            assertEquals(404, assertThrows(OperationException.class,
                    () -> shop.kit.call("get-item", Map.of("itemId", "j3"))).status());

            assertEquals(422, assertThrows(OperationException.class, () -> shop.kit.call("import-items",
                    Map.of("format", "xml", "content", "<a/>"))).status());
            assertEquals(422, assertThrows(OperationException.class, () -> shop.kit.call("import-items",
                    Map.of("format", "csv", "content", "title,price\nx,1\n"))).status(), "no item_id column");
            assertEquals(422, assertThrows(OperationException.class, () -> shop.kit.call("import-items",
                    Map.of("format", "csv", "content", ""))).status(), "empty");
        }
    }

    @Test
    void importTaskReadsAFileAndRefusesABadOneWhole() throws Exception {
        try (Shop shop = new Shop()) {
            Path dir = Files.createTempDirectory("rec-import-");
            Path good = dir.resolve("items.csv");
            Files.writeString(good, "item_id,category\nf1,a\nf2,b\n");
            TaskResult<CatalogOperations.ImportResult> run = shop.kit.runTask("recommend.import-items",
                    Map.of("path", good.toString()));
            assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.errorMessage());
            assertEquals(2, run.output().imported());

            Path bad = dir.resolve("more.jsonl");
            Files.writeString(bad, "{\"item_id\":\"f3\"}\n{\"item_id\":\"f1\",\"price\":-2}\n");
            TaskResult<CatalogOperations.ImportResult> refused = shop.kit.runTask("recommend.import-items",
                    Map.of("path", bad.toString()));
            assertEquals(TaskResult.State.FAILED, refused.state());
            assertFalse(refused.retryable(), "a bad file does not get better by retrying");
            assertTrue(refused.errorMessage().contains("line 2"), refused.errorMessage());
            List<Item> all = shop.kit.call("list-items", Map.of());
            assertEquals(List.of("f1", "f2"), all.stream().map(Item::itemId).toList());
            assertEquals(null, all.get(0).price());
        }
    }
}
