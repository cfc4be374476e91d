package dev.operon.plugins.recommend.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Shop;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A new champion promoted while requests are being served: every request succeeds, and the new one takes over. */
class ChampionSwapTest {

    @Test
    void aSwapUnderConcurrentLoadFailsNoRequest() throws Exception {
        try (Shop shop = new Shop()) {
            for (int i = 0; i < 8; i++) {
                shop.items(Shop.item("i" + i, "c", true));
            }
            for (long u = 1; u <= 8; u++) {
                shop.user(u, Map.of());
                for (int i = 0; i < u; i++) {
                    shop.viewed(u, "i" + i, 24);
                }
            }
            shop.trainPopularity(0.10);                         // v1: i0 most popular
            Recommendations before = shop.kit.call("recommend", shop.recommendInput("user-1", 3));
            assertEquals("recommend.popularity v1", before.model());

            int threads = 4;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger served = new AtomicInteger();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            Set<String> models = ConcurrentHashMap.newKeySet();
            CountDownLatch running = new CountDownLatch(threads);
            List<Thread> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long user = 1 + t;
                Thread worker = new Thread(() -> {
                    running.countDown();
                    while (!stop.get()) {
                        try {
                            Recommendations r = shop.kit.call(user % 2 == 0 ? "recommend" : "preview-recommendations",
                                    shop.recommendInput("user-" + user, 3));
                            if (r.items().isEmpty()) {
                                throw new AssertionError("an empty answer during the swap");
                            }
                            models.add(r.model());
                            served.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            running.await();
            Thread.sleep(1500);
            // new events change popularity; v2 is better on validation, so the lifecycle promotes it
            for (long u = 1; u <= 8; u++) {
                shop.bought(u, "i7", 1);
                shop.bought(u, "i7", 1);
            }
            shop.trainPopularity(0.20);
            long deadline = System.currentTimeMillis() + 60_000;
            while (!models.contains("recommend.popularity v2") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            stop.set(true);
            for (Thread w : workers) {
                w.join(30_000);
            }
            assertEquals(List.of(), failures, "no request failed");
            assertTrue(models.containsAll(Set.of("recommend.popularity v1", "recommend.popularity v2")),
                    "served by both versions: " + models);
            assertTrue(served.get() > threads * 2, "requests served: " + served.get());
            Recommendations after = shop.kit.call("preview-recommendations", shop.recommendInput("user-8", 1));
            assertEquals("recommend.popularity v2", after.model());
            Map<String, Object> seenToo = shop.recommendInput("user-1", 1);
            seenToo.put("excludeSeen", false);
            Recommendations fresh = shop.kit.call("preview-recommendations", seenToo);
            assertEquals("i7", fresh.items().get(0).itemId(), "the new champion's ranking: " + fresh.items());
        }
    }
}
