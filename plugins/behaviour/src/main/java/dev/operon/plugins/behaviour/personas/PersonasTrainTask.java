package dev.operon.plugins.behaviour.personas;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.EpochTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.model.EpochProgress;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.Training;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code behaviour.personas-train}: learns user embeddings from event sequences with a small DJL autoencoder, clusters
 * them with k-means (k-means++, fixed seed; k by silhouette unless configured), registers the version
 * ({@link PersonaModelType}), stores each persona's statistics and each user's assignment, and writes
 * {@code behaviour.persona = {persona, label, distance}} on every assigned profile. Only profiles allowing
 * {@link Consent#ANALYTICS} are read.
 */
public final class PersonasTrainTask implements TaskType<PersonasTrainTask.Input, PersonasTrainTask.Output> {

    public static final String ID = "behaviour.personas-train";
    static final int MIN_USERS = 10;

    /** @param k personas wanted, overriding the configuration (0: the configured value) */
    public record Input(@Min(0) @Max(50) int k) {
    }

    /**
     * What the training found.
     *
     * @param users      users with events in the look-back window
     * @param k          personas
     * @param silhouette mean silhouette of the clustering
     * @param loss       final reconstruction loss
     * @param personas   each persona's summary
     * @param seconds    wall time
     */
    public record Output(int users, int k, double silhouette, double loss, List<PersonaStore.Summary> personas,
                         double seconds) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Train personas";
    }

    @Override
    public String description() {
        return "Learns user embeddings from event sequences (DJL autoencoder), clusters them into personas (k-means)"
                + " and assigns every user.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    /** Weekly, Sunday 02:30 UTC. */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 30 2 ? * SUN");
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(2)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        long started = System.nanoTime();
        PersonaSettings settings = PersonaSettings.from(context.config());
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(settings.lookbackDays()));
        context.progress(2, "reading profiles and events");
        Map<Long, Profile> profiles = new HashMap<>();
        context.profiles().forEach(ProfileQuery.all().allowing(Consent.ANALYTICS), p -> profiles.put(p.id(), p));
        Sequences sequences = Sequences.read(context.events(), EventQuery.all().between(from, null),
                profiles::containsKey);
        List<Long> users = sequences.profiles();
        if (users.size() < MIN_USERS) {
            throw new TaskSkipped("only " + users.size() + " users allowing analytics have events in the"
                    + " last " + settings.lookbackDays() + " days; personas need at least " + MIN_USERS);
        }
        SequenceFeatures features = new SequenceFeatures(sequences.topNames(settings.vocabulary()));
        float[][] x = new float[users.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features.vector(sequences.names(users.get(i)));
        }
        PersonaMeta scaling = standardisation(x, features.vocabulary());
        for (int i = 0; i < x.length; i++) {
            x[i] = scaling.standardise(x[i]);
        }
        context.log().info(users.size() + " users, " + features.size() + " inputs, vocabulary "
                + features.vocabulary());

        Engine.getInstance().setRandomSeed((int) settings.seed());
        Path folder = Files.createTempDirectory("behaviour-personas-");
        double[][] embeddings;
        double loss;
        try (Model model = Model.newInstance("persona-autoencoder")) {
            SequentialBlock encoder = PersonaEncoder.encoder(settings.embedding());
            model.setBlock(new SequentialBlock().add(encoder).add(PersonaEncoder.decoder(features.size())));
            NDManager manager = model.getNDManager();
            NDArray data = manager.create(x);
            int batch = Math.min(256, users.size());
            ArrayDataset dataset = new ArrayDataset.Builder().setData(data).optLabels(data)
                    .setSampling(batch, true).build();
            EpochProgress progress = new EpochProgress(context, settings.epochs());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                    .addTrainingListeners(new EpochTrainingListener(), progress);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, features.size()));
                Training.fit(trainer, settings.epochs(), dataset, null);
            }
            loss = progress.latest().getOrDefault("train_loss", Double.NaN);
            NDArray out = encoder.forward(new ParameterStore(manager, false), new NDList(data), false)
                    .singletonOrThrow();
            float[] flat = out.toFloatArray();
            int e = settings.embedding();
            embeddings = new double[users.size()][e];
            for (int i = 0; i < users.size(); i++) {
                for (int d = 0; d < e; d++) {
                    embeddings[i][d] = flat[i * e + d];
                }
            }
            try (Model served = Model.newInstance(PersonaModelType.MODEL_NAME)) {
                served.setBlock(encoder);
                served.save(folder, PersonaModelType.MODEL_NAME);
            }
        }
        context.checkCancelled();
        int k = input.k() > 0 ? input.k() : settings.k();
        KMeans.Result clusters;
        double silhouette;
        if (k > 0) {
            k = Math.min(k, users.size());
            clusters = KMeans.fit(embeddings, k, settings.seed(), 5);
            silhouette = KMeans.silhouette(embeddings, clusters.labels(), k, 1500, settings.seed());
        } else {
            clusters = null;
            silhouette = -2;
            for (int candidate = 2; candidate <= Math.min(settings.maxK(), users.size() - 1); candidate++) {
                KMeans.Result r = KMeans.fit(embeddings, candidate, settings.seed(), 5);
                double s = KMeans.silhouette(embeddings, r.labels(), candidate, 1500, settings.seed());
                context.log().info(String.format(Locale.ROOT, "k=%d silhouette=%.4f", candidate, s));
                context.metric("silhouette", candidate, s);
                if (s > silhouette) {
                    silhouette = s;
                    clusters = r;
                    k = candidate;
                }
            }
        }
        context.progress(90, "k=" + k + ", describing personas");
        List<PersonaStore.Summary> summaries = PersonaStore.describe(k, users, clusters, sequences, features,
                profiles);
        List<String> labels = summaries.stream().map(PersonaStore.Summary::label).toList();
        new PersonaMeta(features.vocabulary(), scaling.mean(), scaling.std(), clusters.centroids(), labels)
                .save(folder);
        context.models().register(ModelDraft.of(PersonaModelType.ID, folder, PersonaModelType.MODEL_NAME)
                .validationMetric(PersonaModelType.SILHOUETTE, silhouette)
                .validationMetric("reconstruction_loss", loss)
                .parameter("k", k).parameter("embedding", settings.embedding())
                .parameter("epochs", settings.epochs()).parameter("vocabulary", features.vocabulary().size())
                .parameter("users", users.size()).parameter("seed", settings.seed())
                .property("embedding", Integer.toString(settings.embedding()))
                .dataWindow(from, now).build());
        new PersonaStore(context.data()).replace(now, summaries, users, clusters);
        for (int i = 0; i < users.size(); i++) {
            int c = clusters.labels()[i];
            context.profiles().putScores(users.get(i), "persona", Map.of("persona", c, "label", labels.get(c),
                    "distance", clusters.distances()[i]));
        }
        context.metrics().gauge("personas", () -> labels.size());
        context.progress(100, "done");
        summaries = new ArrayList<>(summaries);
        summaries.sort(Comparator.comparingInt(PersonaStore.Summary::persona));
        return new Output(users.size(), k, silhouette, loss, summaries, (System.nanoTime() - started) / 1e9);
    }

    private static PersonaMeta standardisation(float[][] x, List<String> vocabulary) {
        int dims = x[0].length;
        float[] mean = new float[dims];
        float[] std = new float[dims];
        for (float[] row : x) {
            for (int d = 0; d < dims; d++) {
                mean[d] += row[d] / x.length;
            }
        }
        for (float[] row : x) {
            for (int d = 0; d < dims; d++) {
                std[d] += (row[d] - mean[d]) * (row[d] - mean[d]) / x.length;
            }
        }
        for (int d = 0; d < dims; d++) {
            // a floor keeps rare transitions (nearly constant columns) from being blown up into noise
            std[d] = (float) Math.max(Math.sqrt(std[d]), 0.1);
        }
        return new PersonaMeta(vocabulary, mean, std, new double[0][], List.of());
    }
}
