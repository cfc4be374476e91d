package dev.operon.plugins.behaviour.clv;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * {@code behaviour.clv-fit}: fits BG/NBD and Gamma-Gamma on the purchases of the profiles that allow analytics (an
 * event with a numeric revenue property is a purchase; purchases on one UTC day count once, their values summed;
 * times in days up to today), then stores {@code behaviour.clv = {expected_purchases, expected_value, p_alive,
 * horizon_days}} on each of those profiles.
 */
public final class ClvFitTask implements TaskType<ClvFitInput, ClvFitSummary> {

    public static final String ID = "behaviour.clv-fit";
    public static final String HORIZON_DAYS = "clv-horizon-days";

    /** This task's configuration key; the revenue property is shared with churn ({@code revenue-property}). */
    public static List<ConfigProperty> config() {
        return List.of(ConfigProperty.of(HORIZON_DAYS, ConfigType.INTEGER, "90",
                "Customer lifetime value: expected purchases and value over this many days").between(1, 3650));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Fit customer lifetime value";
    }

    @Override
    public String description() {
        return "Fits BG/NBD and Gamma-Gamma on purchase events and writes expected purchases, expected value and"
                + " the probability of being alive to each customer's profile.";
    }

    @Override
    public Class<ClvFitInput> inputType() {
        return ClvFitInput.class;
    }

    @Override
    public Class<ClvFitSummary> outputType() {
        return ClvFitSummary.class;
    }

    /** Daily at 04:00 UTC. */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 0 4 * * ?");
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(1)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public ClvFitSummary run(TaskContext context, ClvFitInput input) {
        String property = input != null && input.revenueProperty() != null && !input.revenueProperty().isBlank()
                ? input.revenueProperty() : context.config().require("revenue-property");
        int horizon = input != null && input.horizonDays() != null ? input.horizonDays()
                : context.config().getInt(HORIZON_DAYS);
        Set<Long> allowed = new HashSet<>();
        context.profiles().forEach(ProfileQuery.all().allowing(Consent.ANALYTICS), p -> allowed.add(p.id()));
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        TransactionSummary summary = new TransactionSummary(today, TimeUnit.D, 1.0);
        Map<String, Long> profileOf = new HashMap<>();
        context.events().forEach(EventQuery.all().between(null, now), e -> {
            if (e.profileId() == null || !allowed.contains(e.profileId())) {
                return;
            }
            double value = e.number(property, Double.NaN);
            if (!Double.isNaN(value) && e.properties().containsKey(property)) {
                String key = Long.toString(e.profileId());
                profileOf.put(key, e.profileId());
                summary.add(key, LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC), value);
            }
        });
        List<CustomerSummary> customers = summary.summaries();
        if (customers.size() < 3) {
            throw new TaskSkipped("only " + customers.size() + " profiles allowing analytics have events"
                    + " with a numeric '" + property + "' property; at least 3 are needed");
        }
        context.progress(20, customers.size() + " customers; fitting");
        BgNbd purchases = BgNbd.fit(customers);
        String purchaseProblem = purchases.problem(customers);
        if (purchaseProblem != null) {
            context.log().warn(purchaseProblem);
        }
        GammaGamma spend = null;
        try {
            spend = GammaGamma.fit(customers);
        } catch (IllegalArgumentException e) {
            context.log().warn("Gamma-Gamma not fitted: " + e.getMessage() + "; expected_value is left out");
        }
        context.checkCancelled();
        int repeat = 0;
        int written = 0;
        for (CustomerSummary c : customers) {
            repeat += c.frequency() > 0 ? 1 : 0;
            double expected = purchases.expectedPurchases(horizon, c.frequency(), c.recency(), c.age());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("expected_purchases", expected);
            if (spend != null) {
                values.put("expected_value", expected * spend.expectedAverageValue(c.frequency(), c.monetary()));
            }
            values.put("p_alive", purchases.probabilityAlive(c.frequency(), c.recency(), c.age()));
            values.put("horizon_days", horizon);
            context.profiles().putScores(profileOf.get(c.id()), "clv", values);
            if (++written % 1000 == 0) {
                context.checkCancelled();
                context.progress(20 + (int) (79L * written / customers.size()), written + " written");
            }
        }
        context.log().info(String.format(java.util.Locale.ROOT, "BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f on %d"
                + " customers", purchases.r(), purchases.alpha(), purchases.a(), purchases.b(), customers.size()));
        return new ClvFitSummary(customers.size(), repeat, purchases.r(), purchases.alpha(), purchases.a(),
                purchases.b(), spend == null ? null : spend.p(), spend == null ? null : spend.q(),
                spend == null ? null : spend.v());
    }
}
