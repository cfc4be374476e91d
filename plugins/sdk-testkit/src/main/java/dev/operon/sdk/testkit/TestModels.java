package dev.operon.sdk.testkit;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.model.ModelVersion.Stage;
import dev.operon.sdk.model.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An in-memory model registry for one plugin, behaving like the platform's: a registered version's folder is copied
 * (so the training may not touch it afterwards), the first version of a type becomes champion, a later one becomes
 * champion only when it beats the champion on the type's {@link ModelType#primaryMetric() primary metric} by more
 * than the margin (0 unless the kit was built with another), otherwise it stays a candidate. Predictions load the
 * champion with the plugin's own {@link ModelType#load} on the CPU and run a real DJL {@link Predictor} with its
 * {@link ModelType#translator translator}, one predictor per call.
 *
 * <p>Inside a task, registrations go through the run and are stored only when the run succeeds; calling
 * {@link #register} directly (from a test or an operation) stores at once. Thread-safe.
 */
public final class TestModels implements Models, AutoCloseable {

    private final String pluginId;
    private final Map<String, ModelType<?, ?>> types = new HashMap<>();
    private final Path storage;
    private final double margin;
    private final Map<String, List<Stored>> versions = new HashMap<>();
    private final Map<String, Loaded> loaded = new HashMap<>();
    private final List<Model> retired = new ArrayList<>();

    TestModels(String pluginId, List<ModelType<?, ?>> declared, Path storage, double margin) {
        this.pluginId = pluginId;
        declared.forEach(t -> types.put(t.id(), t));
        this.storage = storage;
        this.margin = margin;
    }

    @Override
    public void register(ModelDraft draft) {
        check(draft);
        store(draft);
    }

    /** Throws {@link IllegalArgumentException} when the platform would refuse {@code draft}. */
    void check(ModelDraft draft) {
        ModelType<?, ?> type = type(draft.modelType());
        String metric = type.primaryMetric().name();
        Double value = draft.validationMetrics().get(metric);
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("model draft for " + draft.modelType() + " lacks a finite value of its "
                    + "primary metric '" + metric + "' in validationMetrics " + draft.validationMetrics());
        }
        if (!Files.isDirectory(draft.directory())) {
            throw new IllegalArgumentException("model draft folder " + draft.directory() + " does not exist");
        }
    }

    /** Copies the draft's folder and stores it as the next version; returns that version. */
    synchronized ModelVersion store(ModelDraft draft) {
        if (!Files.isDirectory(draft.directory())) {
            throw new IllegalStateException("model folder " + draft.directory() + " was deleted before the run ended;"
                    + " the platform copies it only when the task has succeeded");
        }
        ModelType<?, ?> type = type(draft.modelType());
        List<Stored> list = versions.computeIfAbsent(draft.modelType(), k -> new ArrayList<>());
        int number = list.size() + 1;
        Path target = storage.resolve(draft.modelType()).resolve(String.valueOf(number));
        copy(draft.directory(), target);
        Stored current = championOf(list);
        double value = draft.validationMetrics().get(type.primaryMetric().name());
        boolean wins = current == null || type.primaryMetric().beats(value,
                current.version.validationMetrics().get(type.primaryMetric().name()), margin);
        Stage stage = wins ? Stage.CHAMPION : Stage.CANDIDATE;
        ModelVersion version = new ModelVersion(draft.modelType(), number, stage, draft.validationMetrics(),
                Instant.now());
        if (wins && current != null) {
            list.set(current.version.version() - 1, current.withStage(Stage.ARCHIVED));
        }
        list.add(new Stored(version, new ModelFiles(target, draft.modelName(), draft.properties()), draft));
        return version;
    }

    /**
     * Makes {@code version} the champion of {@code modelType}, as an admin's manual promotion or rollback does; the
     * previous champion is archived.
     */
    public synchronized void promote(String modelType, int version) {
        List<Stored> list = versions.getOrDefault(modelType, List.of());
        if (version < 1 || version > list.size()) {
            throw new IllegalArgumentException("model type " + modelType + " has no version " + version);
        }
        Stored current = championOf(list);
        if (current != null) {
            list.set(current.version.version() - 1, current.withStage(Stage.ARCHIVED));
        }
        list.set(version - 1, list.get(version - 1).withStage(Stage.CHAMPION));
    }

    /** Every stored version of {@code modelType}, oldest first. */
    @Override
    public synchronized List<ModelVersion> versions(String modelType) {
        type(modelType);
        return versions.getOrDefault(modelType, List.of()).stream().map(Stored::version).toList();
    }

    /** The files of a stored version, as {@link ModelType#load} receives them. */
    public synchronized ModelFiles files(String modelType, int version) {
        return stored(modelType, version).files;
    }

    /** The draft a stored version was registered from (parameters, test metrics, data window). */
    public synchronized ModelDraft draft(String modelType, int version) {
        return stored(modelType, version).draft;
    }

    @Override
    public synchronized Optional<ModelVersion> champion(String modelType) {
        type(modelType);
        return Optional.ofNullable(championOf(versions.getOrDefault(modelType, List.of()))).map(Stored::version);
    }

    @Override
    public <I, O> O predict(String modelType, I input) {
        return this.<I, O>predictBatch(modelType, List.of(input)).get(0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> List<O> predictBatch(String modelType, List<I> inputs) {
        ModelType<?, ?> type = type(modelType);
        for (I input : inputs) {
            if (!type.inputType().isInstance(input)) {
                throw new IllegalArgumentException("model type " + modelType + " predicts from "
                        + type.inputType().getName() + ", not from " + (input == null ? "null"
                        : input.getClass().getName()));
            }
        }
        Loaded champion = loadChampion(type);
        try (Predictor<I, O> predictor = champion.model.newPredictor((Translator<I, O>) champion.translator)) {
            return predictor.batchPredict(inputs);
        } catch (TranslateException e) {
            throw new IllegalStateException("prediction with " + modelType + " version " + champion.version
                    + " failed: " + e.getMessage(), e);
        }
    }

    private synchronized Loaded loadChampion(ModelType<?, ?> type) {
        Stored champion = championOf(versions.getOrDefault(type.id(), List.of()));
        if (champion == null) {
            throw new ModelUnavailableException("model type " + type.id() + " has no champion yet: train a version");
        }
        Loaded current = loaded.get(type.id());
        if (current != null && current.version == champion.version.version()) {
            return current;
        }
        try {
            Model model = type.load(champion.files, Device.cpu());
            requireParameters(model, type.id(), champion.version.version());
            Loaded next = new Loaded(champion.version.version(), model, type.translator(champion.files));
            if (current != null) {
                retired.add(current.model);
            }
            loaded.put(type.id(), next);
            return next;
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            throw new ModelUnavailableException("version " + champion.version.version() + " of " + type.id()
                    + " failed to load: " + e.getMessage(), e);
        }
    }

    /** A loaded block whose parameters were not all read from the files would predict garbage or fail later. */
    private static void requireParameters(Model model, String type, int version) {
        if (model.getBlock() == null) {
            return;
        }
        List<String> missing = model.getBlock().getParameters().stream()
                .filter(p -> !p.getValue().isInitialized()).map(p -> p.getKey()).toList();
        if (!missing.isEmpty()) {
            model.close();
            throw new IllegalStateException("the model loaded for version " + version + " of " + type
                    + " has parameters that were not read from its files: " + missing
                    + " (does load call model.load with the saved model name?)");
        }
    }

    private ModelType<?, ?> type(String modelType) {
        ModelType<?, ?> type = types.get(modelType);
        if (type == null) {
            throw new IllegalArgumentException("plugin " + pluginId + " declares no model type " + modelType
                    + "; it declares " + types.keySet());
        }
        return type;
    }

    private Stored stored(String modelType, int version) {
        List<Stored> list = versions.getOrDefault(modelType, List.of());
        if (version < 1 || version > list.size()) {
            throw new IllegalArgumentException("model type " + modelType + " has no version " + version);
        }
        return list.get(version - 1);
    }

    private static Stored championOf(List<Stored> list) {
        return list.stream().filter(s -> s.version.stage() == Stage.CHAMPION).findFirst().orElse(null);
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy model folder " + from, e);
        }
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(l -> l.model.close());
        retired.forEach(Model::close);
        loaded.clear();
        retired.clear();
    }

    private record Stored(ModelVersion version, ModelFiles files, ModelDraft draft) {
        Stored withStage(Stage stage) {
            return new Stored(new ModelVersion(version.modelType(), version.version(), stage,
                    version.validationMetrics(), version.createdAt()), files, draft);
        }
    }

    private record Loaded(int version, Model model, Translator<?, ?> translator) {
    }
}
