package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.model.ChampionChoice;
import dev.operon.plugins.recommend.model.EmbeddingView;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.RecommenderQuery;
import dev.operon.plugins.recommend.model.RecommenderScores;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.model.Models;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The champions this node serves, held in memory: per model type, the loaded {@link Recommender} of its champion,
 * swapped atomically when the lifecycle promotes another version.
 *
 * <p>A request reads the current {@link ServedModel} and keeps it to its end. At most every {@code checkMillis} one
 * request (the others do not wait) asks the lifecycle for the champion; when its version changed, it takes the new
 * recommender from the platform's serving (a prediction answers it) and swaps it in. Building an approximate index
 * for a large model runs on a background thread; the model is served with exact scoring meanwhile. Nothing here
 * makes a request fail because of a swap: the old recommender stays usable by the requests that hold it.
 */
public final class ServedModels implements AutoCloseable {

    /** The target meaning "the best champion across kinds" (highest validation NDCG@10). */
    public static final String CHAMPION = "champion";

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ExecutorService indexing;
    private volatile Settings settings;

    /**
     * @param checkMillis   how often the champion is checked
     * @param exactMaxItems above this many items a model with embeddings gets an approximate index
     * @param links         HNSW links per node
     * @param efConstruction HNSW candidates when building
     */
    public record Settings(long checkMillis, int exactMaxItems, int links, int efConstruction) {
        public static final Settings DEFAULT = new Settings(1000, 100_000, 24, 200);
    }

    private static final class Slot {
        final AtomicReference<ServedModel> current = new AtomicReference<>();
        final ReentrantLock checking = new ReentrantLock();
        volatile long checkedAt;
        volatile String resolvedType;
    }

    public ServedModels(Settings settings) {
        this.settings = settings;
        this.indexing = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "recommend-index-build");
            t.setDaemon(true);
            return t;
        });
    }

    public void settings(Settings value) {
        settings = value;
    }

    /**
     * The served model of {@code target} ({@link #CHAMPION} or a model type id), loading it on first use.
     *
     * @return empty when the target has no champion yet
     */
    public Optional<ServedModel> get(Models models, String target) {
        Slot slot = slots.computeIfAbsent(target, t -> new Slot());
        ServedModel current = slot.current.get();
        long now = System.currentTimeMillis();
        if (current == null) {
            slot.checking.lock();
            try {
                if (slot.current.get() == null) {
                    refresh(models, target, slot, now);
                }
            } finally {
                slot.checking.unlock();
            }
        } else if (now - slot.checkedAt >= settings.checkMillis() && slot.checking.tryLock()) {
            try {
                refresh(models, target, slot, now);
            } catch (RuntimeException e) {
                // the lifecycle could not be asked: keep serving what is loaded, ask again at the next check
                slot.checkedAt = now;
            } finally {
                slot.checking.unlock();
            }
        }
        return Optional.ofNullable(slot.current.get());
    }

    /** Forgets the check time of every slot, so the next request asks the lifecycle (after a known promotion). */
    public void recheck() {
        slots.values().forEach(s -> s.checkedAt = 0);
    }

    private void refresh(Models models, String target, Slot slot, long now) {
        slot.checkedAt = now;
        String type = target;
        if (CHAMPION.equals(target)) {
            Optional<ModelKind> best = ChampionChoice.best(models);
            if (best.isEmpty()) {
                return;
            }
            type = best.get().typeId();
        }
        Optional<ModelVersion> champion = models.champion(type);
        if (champion.isEmpty()) {
            return;
        }
        ServedModel current = slot.current.get();
        int version = champion.get().version();
        if (current != null && current.modelType().equals(type) && current.version() == version) {
            return;
        }
        Recommender loaded;
        try {
            RecommenderScores answer = models.predict(type, RecommenderQuery.forUser(null, List.of()));
            loaded = answer.recommender();
        } catch (ModelUnavailableException e) {
            if (current == null) {
                throw e;
            }
            return;
        }
        if (current != null && current.recommender() == loaded) {
            // the platform has not swapped its own copy in yet: look again at the next check
            slot.checkedAt = now - settings.checkMillis() / 2;
            return;
        }
        ServedModel next = new ServedModel(type, version, loaded, null);
        slot.resolvedType = type;
        slot.current.set(next);
        scheduleIndex(slot, next);
    }

    private void scheduleIndex(Slot slot, ServedModel served) {
        Settings s = settings;
        Optional<EmbeddingView> view = served.recommender().embeddings();
        if (view.isEmpty() || served.recommender().items().size() <= s.exactMaxItems()) {
            return;
        }
        indexing.execute(() -> {
            EmbeddingView v = view.get();
            HnswIndex index = HnswIndex.build(v.itemVectors(), v.dimension(), s.links(), s.efConstruction(), 42);
            // only if that model is still the one served
            slot.current.compareAndSet(served, served.withIndex(index));
        });
    }

    /** Serves {@code model} for {@code target} at once (tests, benchmarks, a known promotion). */
    public void put(String target, ServedModel model) {
        slots.computeIfAbsent(target, t -> new Slot()).current.set(model);
    }

    @Override
    public void close() {
        indexing.shutdownNow();
        slots.clear();
    }
}
