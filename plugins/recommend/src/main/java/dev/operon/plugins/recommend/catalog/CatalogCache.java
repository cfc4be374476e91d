package dev.operon.plugins.recommend.catalog;

import dev.operon.sdk.data.PluginData;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the catalogue in memory for serving: reloaded when a write on this node invalidated it, and at most
 * {@code maxAgeMillis} after the last load otherwise (writes made on other nodes). A reload happens on one request
 * thread while the others keep serving the previous catalogue; only the very first load makes callers wait.
 */
public final class CatalogCache {

    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final AtomicLong versions = new AtomicLong();
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile boolean stale = true;

    private record Loaded(Catalog catalog, long loadedAt) {
    }

    /** The current catalogue, reloading it first when it is stale. */
    public Catalog get(PluginData data, long maxAgeMillis) throws SQLException {
        Loaded loaded = current.get();
        long now = System.currentTimeMillis();
        boolean due = stale || loaded == null || now - loaded.loadedAt() > maxAgeMillis;
        if (!due) {
            return loaded.catalog();
        }
        if (loaded != null && !reloading.tryLock()) {
            return loaded.catalog();
        }
        if (loaded == null) {
            reloading.lock();
        }
        try {
            Loaded again = current.get();
            if (again != null && again != loaded && !stale) {
                return again.catalog();
            }
            stale = false;
            Catalog fresh = Catalog.of(versions.incrementAndGet(), new ItemStore(data).all());
            current.set(new Loaded(fresh, now));
            return fresh;
        } catch (SQLException | RuntimeException e) {
            stale = true;
            throw e;
        } finally {
            reloading.unlock();
        }
    }

    /** A write changed the catalogue: the next request reloads it. */
    public void invalidate() {
        stale = true;
    }
}
