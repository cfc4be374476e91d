package dev.operon.core.models;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import dev.operon.core.scheduling.NodeIdentity;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.model.ModelUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Serves champions on this node: one {@link ModelSlot} per model type, loaded on the first prediction (restored
 * from the database, checksum verified, loaded once with {@link ModelType#load}) and swapped when the champion
 * changes. A change made on this node is seen right after its commit; one made on another node within
 * {@code operon.core.models.refresh-interval} (one query per interval for every type served here). The new
 * champion is loaded on a background thread and swapped in atomically: predictions never wait for a swap and never
 * fail because of one.
 */
@ApplicationScoped
public class ModelServing {

    private static final Logger LOG = Logger.getLogger(ModelServing.class);

    @Inject
    ModelStore store;

    @Inject
    ModelCatalog catalog;

    @Inject
    ArtifactCache cache;

    @Inject
    ModelDevice device;

    @Inject
    ModelsConfig config;

    @Inject
    NodeIdentity node;

    private final Map<String, Served> served = new ConcurrentHashMap<>();
    /** Restoring, loading and pruning the file cache happen one at a time (a prune must not hit a load). */
    private final Object loadLock = new Object();
    private volatile ScheduledExecutorService background;

    /** One model type's slot, and the champion that could not be loaded (not retried until it changes). */
    private static final class Served {
        final ModelSlot<Object, Object> slot = new ModelSlot<>();
        volatile String sha256;
        volatile String failedSha256;
        volatile String failure;
    }

    void start(@Observes StartupEvent event) {
        if (node.cli()) {
            return;
        }
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "operon-model-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.refreshInterval().toMillis();
        background.scheduleWithFixedDelay(this::refreshAll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (background != null) {
            background.shutdownNow();
        }
        served.values().forEach(s -> s.slot.close());
        served.clear();
    }

    /** A champion changed here: swap it in soon after the commit, if this node serves that type. */
    void championChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChampionChanged change) {
        ScheduledExecutorService executor = background;
        if (executor != null && served.containsKey(change.modelType())) {
            executor.execute(() -> refresh(change.modelType()));
        }
    }

    /** Predicts with the champion of {@code modelType}. */
    @SuppressWarnings("unchecked")
    public <I, O> Prediction<O> predict(String modelType, I input) {
        return call(modelType, pool -> new Prediction<>(modelType, (int) pool.version(),
                (O) pool.predict(input)));
    }

    /** Predicts a batch with the champion of {@code modelType}, all with the same version. */
    @SuppressWarnings("unchecked")
    public <I, O> Prediction<List<O>> predictBatch(String modelType, List<I> inputs) {
        return call(modelType, pool -> new Prediction<>(modelType, (int) pool.version(),
                (List<O>) pool.predictBatch((List<Object>) inputs)));
    }

    private interface PoolCall<R> {
        R apply(PredictorPool<Object, Object> pool) throws TranslateException;
    }

    private <R> R call(String modelType, PoolCall<R> call) {
        Served s = served.computeIfAbsent(modelType, t -> new Served());
        PredictorPool<Object, Object> pool = s.slot.acquire();
        if (pool == null) {
            loadFirst(modelType, s);
            pool = s.slot.acquire();
            if (pool == null) {
                throw new ModelUnavailableException(modelType + " is not being served on this node");
            }
        }
        try {
            return call.apply(pool);
        } catch (TranslateException | RuntimeException e) {
            if (e instanceof ModelUnavailableException unavailable) {
                throw unavailable;
            }
            throw new PredictionFailedException("prediction with " + modelType + " version " + pool.version()
                    + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            pool.release();
        }
    }

    /** The first prediction of a type on this node loads the champion on the caller's thread. */
    private void loadFirst(String modelType, Served s) {
        synchronized (s) {
            if (s.slot.version() >= 0) {
                return;
            }
            RegisteredVersion champion = store.champion(modelType).orElseThrow(() -> new ModelUnavailableException(
                    modelType + " has no champion yet: train and register a version first"));
            swapIn(modelType, s, champion);
        }
    }

    private void refreshAll() {
        try {
            if (served.isEmpty()) {
                return;
            }
            dropUndeclared();
            Map<String, ModelStore.ChampionRef> champions = store.champions(List.copyOf(served.keySet()));
            champions.forEach((type, ref) -> {
                Served s = served.get(type);
                if (s != null && (!ref.sha256().equals(s.sha256) || s.slot.version() != ref.version())) {
                    refresh(type);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("model champion check failed (will retry): %s", e.getMessage());
        }
    }

    /** Stops serving the types no plugin declares any more (a plugin was disabled or removed). */
    private void dropUndeclared() {
        Set<String> declared = new HashSet<>();
        catalog.all().forEach(entry -> declared.add(entry.type().id()));
        served.keySet().removeIf(type -> {
            if (declared.contains(type)) {
                return false;
            }
            Served s = served.get(type);
            if (s != null) {
                s.slot.close();
                LOG.infof("%s: no longer declared by an enabled plugin; stopped serving it", type);
            }
            return true;
        });
    }

    /** Loads the current champion of {@code modelType} and swaps it in, when it is not the one served. */
    private void refresh(String modelType) {
        Served s = served.get(modelType);
        if (s == null) {
            return;
        }
        synchronized (s) {
            try {
                store.champion(modelType).ifPresent(champion -> {
                    boolean served = champion.version() == s.slot.version()
                            && champion.artifactSha256().equals(s.sha256);
                    if (!served && !key(champion).equals(s.failedSha256)) {
                        swapIn(modelType, s, champion);
                    }
                });
            } catch (RuntimeException e) {
                long current = s.slot.version();
                LOG.errorf("%s: the new champion could not be loaded; %s: %s", modelType, current < 0
                        ? "nothing is served" : "version " + current + " stays in service", e.getMessage());
            }
        }
    }

    /** Loads {@code champion} and makes it the served version; the old one closes after its calls in flight. */
    private void swapIn(String modelType, Served s, RegisteredVersion champion) {
        String key = key(champion);
        if (key.equals(s.failedSha256)) {
            throw new ModelUnavailableException(s.failure);
        }
        long started = System.nanoTime();
        synchronized (loadLock) {
            PredictorPool<Object, Object> pool;
            try {
                pool = load(modelType, champion);
            } catch (Exception e) {
                String why = e instanceof ModelUnavailableException ? e.getMessage()
                        : "version " + champion.version() + " of " + modelType + " could not be loaded: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                s.failedSha256 = key;
                s.failure = why;
                LOG.error(why);
                throw e instanceof ModelUnavailableException u ? u : new ModelUnavailableException(why, e);
            }
            long previous = s.slot.version();
            s.slot.swap(pool);
            s.sha256 = champion.artifactSha256();
            s.failedSha256 = null;
            s.failure = null;
            LOG.infof("%s: serving version %d (was %s), loaded and swapped in %d ms", modelType, champion.version(),
                    previous < 0 ? "none" : String.valueOf(previous), (System.nanoTime() - started) / 1_000_000);
            cache.retainOnly(servedChecksums());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private PredictorPool<Object, Object> load(String modelType, RegisteredVersion champion) throws Exception {
        ModelType type = catalog.find(modelType).orElseThrow(() -> new ModelUnavailableException(modelType
                + " is not declared by any plugin on this node (is its plugin installed and enabled?)")).type();
        ModelFiles files = cache.restore(champion);
        Model model = type.load(files, device.get());
        try {
            return new PredictorPool<>(model, type.translator(files), config.predictorLimit(), champion.version(),
                    null);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static String key(RegisteredVersion version) {
        return version.version() + "/" + version.artifactSha256();
    }

    private Set<String> servedChecksums() {
        Set<String> keep = new HashSet<>();
        served.values().forEach(s -> {
            if (s.sha256 != null) {
                keep.add(s.sha256);
            }
        });
        return keep;
    }
}
