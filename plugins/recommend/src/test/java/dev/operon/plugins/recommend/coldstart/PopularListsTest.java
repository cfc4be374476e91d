package dev.operon.plugins.recommend.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.operon.plugins.recommend.Shop;
import dev.operon.plugins.recommend.coldstart.PopularLists.Entry;
import dev.operon.sdk.data.PluginData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Popular lists are replaced as a whole: a write that fails half way leaves the previous lists in place. */
class PopularListsTest {

    @Test
    void aFailedReplacementKeepsThePreviousLists() throws Exception {
        try (Shop shop = new Shop()) {
            PluginData data = shop.kit.data();
            List<Entry> before = List.of(new Entry("a", 2), new Entry("b", 1));
            PopularLists.write(data, Map.of(PopularLists.EVERYONE, before), Instant.now());

            // the old rows are deleted first, then the duplicate item breaks the insert
            assertThrows(SQLException.class, () -> PopularLists.write(data,
                    Map.of(PopularLists.EVERYONE, List.of(new Entry("c", 3), new Entry("c", 2))), Instant.now()));

            assertEquals(before, new PopularLists().list(data, PopularLists.EVERYONE));
        }
    }
}
