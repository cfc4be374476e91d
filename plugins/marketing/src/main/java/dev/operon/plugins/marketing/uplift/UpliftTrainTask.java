package dev.operon.plugins.marketing.uplift;

import dev.operon.plugins.marketing.MarketingConfig;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * {@code marketing.uplift-train}: trains the uplift model on past campaign messages. Each message sent is a treated
 * row and each holdout assignment a control row; the outcome is the campaign's goal event within its window (rows
 * whose window is still open and that have not converted yet are left out); the features are the user's traits and
 * activity as they were when the message was planned ({@link FeatureSnapshot}, {@link TrainingRows}). A seeded fifth of the rows is kept aside for validation: the
 * version's metric is the Qini coefficient there, and the platform promotes it only when that beats the champion's.
 */
public final class UpliftTrainTask implements TaskType<UpliftTrainTask.Input, UpliftTrainTask.Summary> {

    public static final String ID = "marketing.uplift-train";
    static final int MIN_ARM_ROWS = 10;

    /**
     * @param campaignIds the campaigns to learn from; empty: every campaign with a goal event and a holdout
     * @param epochs      default 30
     * @param seed        default 42: the validation split and the networks' initialisation
     */
    public record Input(List<Long> campaignIds, Integer epochs, Long seed) {
    }

    /** @param rowsWithoutSnapshot rows planned before feature snapshots, read from the profile as it is now */
    public record Summary(List<Long> campaigns, int rows, int treated, int control, int trainRows,
                          int validationRows, double validationQini, String features, double seconds,
                          int rowsWithoutSnapshot) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Train the uplift model";
    }

    @Override
    public String description() {
        return "Learns who is persuadable from past campaign messages and holdouts and their goal conversions;"
                + " registers the model with its Qini coefficient on validation rows; it serves when it beats the"
                + " current one.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Summary> outputType() {
        return Summary.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(1)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public Summary run(TaskContext context, Input input) throws Exception {
        long started = System.nanoTime();
        PluginScope s = context;
        int epochs = input != null && input.epochs() != null ? input.epochs() : 30;
        long seed = input != null && input.seed() != null ? input.seed() : 42L;
        if (epochs < 1 || epochs > 1000) {
            throw new PermanentTaskFailure("epochs must be 1 to 1000, found " + epochs);
        }
        List<Campaign> campaigns = campaigns(s, input == null ? null : input.campaignIds());
        Instant now = Instant.now();
        Set<String> excluded = Set.of(context.config().require(MarketingConfig.EMAIL_TRAIT));
        List<Map<String, String>> rows = new ArrayList<>();
        List<Boolean> treated = new ArrayList<>();
        List<Boolean> converted = new ArrayList<>();
        Instant from = null;
        int withoutSnapshot = 0;
        for (TrainingRows.Row row : TrainingRows.load(s, campaigns, now, excluded)) {
            rows.add(row.features());
            treated.add(row.treated());
            converted.add(row.converted());
            withoutSnapshot += row.snapshot() ? 0 : 1;
            from = from == null || row.at().isBefore(from) ? row.at() : from;
        }
        if (withoutSnapshot > 0) {
            context.log().warn(withoutSnapshot + " of " + rows.size() + " rows were planned before feature"
                    + " snapshots were kept: their features are the profile as it is now");
        }
        context.checkCancelled();
        int n = rows.size();
        int[] order = shuffled(n, seed);
        int validation = n / 5;
        List<Integer> fitRows = new ArrayList<>();
        List<Integer> validationRows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (i < validation ? validationRows : fitRows).add(order[i]);
        }
        requireBothArms("training", fitRows, treated, MIN_ARM_ROWS);
        requireBothArms("validation", validationRows, treated, 2);

        List<String> header = new ArrayList<>(columns(rows));
        CsvFile fitTable = table(header, rows, fitRows);
        FeatureEncoder encoder = FeatureEncoder.learn(fitTable, Set.of());
        if (encoder.columns.isEmpty()) {
            throw new PermanentTaskFailure("the users have no features to learn from");
        }
        float[][] fitX = encoder.encode(fitTable);
        float[][] validationX = encoder.encode(table(header, rows, validationRows));
        try (TwoModelUplift model = new TwoModelUplift()) {
            model.fit(fitX, flags(treated, fitRows), flags(converted, fitRows), epochs, seed,
                    context::checkCancelled);
            double qini = Qini.coefficient(model.predict(validationX), flags(treated, validationRows),
                    flags(converted, validationRows));
            Path directory = Files.createTempDirectory("marketing-uplift-");
            model.save(directory, UpliftModelType.MODEL_NAME);
            Files.writeString(directory.resolve(UpliftModelType.ENCODER_FILE), encoder.write(),
                    StandardCharsets.UTF_8);
            int treatedRows = (int) treated.stream().filter(t -> t).count();
            context.models().register(ModelDraft.of(UpliftModelType.ID, directory, UpliftModelType.MODEL_NAME)
                    .validationMetric(UpliftModelType.QINI, qini)
                    .parameter("epochs", epochs)
                    .parameter("seed", seed)
                    .parameter("campaigns", campaigns.stream().map(Campaign::id).toList().toString())
                    .parameter("train-rows", fitRows.size())
                    .parameter("validation-rows", validationRows.size())
                    .parameter("hidden-units", TwoModelUplift.HIDDEN)
                    .dataWindow(from, now)
                    .property("inputs", Integer.toString(encoder.width))
                    .build());
            double seconds = (System.nanoTime() - started) / 1e9;
            String features = encoder.describe();
            context.log().info(String.format(Locale.ROOT, "%d rows (%d treated, %d control) from %d campaigns, %s;"
                            + " validation Qini %.5f on %d rows in %.1f s", n, treatedRows, n - treatedRows,
                    campaigns.size(), features, qini, validationRows.size(), seconds));
            context.progress(100, "registered");
            return new Summary(campaigns.stream().map(Campaign::id).toList(), n, treatedRows, n - treatedRows,
                    fitRows.size(), validationRows.size(), qini, features, seconds, withoutSnapshot);
        }
    }

    private static List<Campaign> campaigns(PluginScope s, List<Long> ids) throws Exception {
        List<Campaign> out = new ArrayList<>();
        try (Connection c = s.data().dataSource().getConnection()) {
            if (ids == null || ids.isEmpty()) {
                for (Campaign k : CampaignStore.list(c)) {
                    if (k.goalEvent() != null && k.holdoutPercent() > 0) {
                        out.add(k);
                    }
                }
                return out;
            }
            for (long id : ids) {
                Optional<Campaign> k = CampaignStore.get(c, id, false);
                if (k.isEmpty()) {
                    throw new PermanentTaskFailure("no campaign " + id);
                }
                if (k.get().goalEvent() == null) {
                    throw new PermanentTaskFailure("campaign " + id + " has no goal event: there is no outcome to"
                            + " learn");
                }
                out.add(k.get());
            }
        }
        return out;
    }

    private static Set<String> columns(List<Map<String, String>> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.keySet()));
        return names;
    }

    private static CsvFile table(List<String> header, List<Map<String, String>> rows, List<Integer> which) {
        List<String[]> out = new ArrayList<>(which.size());
        for (int i : which) {
            Map<String, String> row = rows.get(i);
            String[] values = new String[header.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = row.getOrDefault(header.get(c), "");
            }
            out.add(values);
        }
        return CsvFile.of("campaign-sends", header, out);
    }

    private static boolean[] flags(List<Boolean> values, List<Integer> which) {
        boolean[] out = new boolean[which.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(which.get(i));
        }
        return out;
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void requireBothArms(String which, List<Integer> rows, List<Boolean> treated, int min) {
        long t = rows.stream().filter(treated::get).count();
        long c = rows.size() - t;
        if (t < min || c < min) {
            throw new PermanentTaskFailure("the " + which + " rows have " + t + " treated and " + c + " control"
                    + " users whose goal window is over; at least " + min + " of each are needed (campaigns with a"
                    + " goal event and a holdout, sent at least one goal window ago)");
        }
    }
}
