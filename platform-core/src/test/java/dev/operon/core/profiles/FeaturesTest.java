package dev.operon.core.profiles;

import static dev.operon.core.profiles.EventRows.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.operon.core.db.Jdbc;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.WindowCounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Computed features on hand-made events: sessions, windows, RFM, plugin events, incremental = full. */
@QuarkusTest
class FeaturesTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileUpdater updater;

    @Inject
    ProfileReader reader;

    EventRows events;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void rows() {
        events = new EventRows(jdbc);
    }

    void update() {
        updater.update(false, m -> { }, () -> false);
    }

    ProfileFeatures features(String id) {
        return reader.resolve(id).flatMap(reader::get).orElseThrow().features();
    }

    @Test
    void sessionsWindowsAndRfmFromHandMadeEvents() {
        String user = unique("rfm");
        Instant d100 = now.minus(100, ChronoUnit.DAYS);
        Instant d60 = now.minus(60, ChronoUnit.DAYS);
        Instant d20 = now.minus(20, ChronoUnit.DAYS);
        Instant d3 = now.minus(3, ChronoUnit.DAYS);
        // session 1 (100 days ago): 3 events 10 minutes apart
        events.track(user, null, "Viewed", d100, null);
        events.track(user, null, "Viewed", d100.plus(10, ChronoUnit.MINUTES), null);
        events.track(user, null, "Order Completed", d100.plus(20, ChronoUnit.MINUTES), "{\"revenue\": 10}");
        // sessions 2 and 3 (60 days ago): a gap of exactly 30 minutes starts a new session
        events.track(user, null, "Viewed", d60, null);
        events.track(user, null, "Viewed", d60.plus(30, ChronoUnit.MINUTES), null);
        // session 4 (20 days ago): revenue as a string, and a property that is not a number
        events.track(user, null, "Order Completed", d20, "{\"revenue\": \"25.5\"}");
        events.track(user, null, "Order Completed", d20.plusSeconds(60), "{\"revenue\": \"n/a\"}");
        // session 5 (3 days ago): a page and an order; arrives out of order
        events.page(user, null, "Pricing", d3);
        events.track(user, null, "Order Completed", d3.plusSeconds(5), "{\"revenue\": 4.5, \"currency\": \"EUR\"}");
        // a plugin's own event: counted per name, not as the user's activity
        events.insert("track", "Segment Entered", user, null, null, now.minusSeconds(60), null, null,
                "{\"operon\": {\"plugin\": \"behaviour\"}}");
        update();

        ProfileFeatures f = features(user);
        assertThat(f.firstSeen()).isEqualTo(d100);
        assertThat(f.lastSeen()).isEqualTo(d3.plusSeconds(5));
        assertThat(f.events()).isEqualTo(9);
        assertThat(f.sessions()).isEqualTo(5);
        assertThat(f.counts("Viewed")).isEqualTo(new WindowCounts(0, 0, 2));
        assertThat(f.counts("Order Completed")).isEqualTo(new WindowCounts(1, 3, 3));
        assertThat(f.counts("page")).isEqualTo(new WindowCounts(1, 1, 1));
        assertThat(f.counts("Segment Entered")).isEqualTo(new WindowCounts(1, 1, 1));
        assertThat(f.countsByEvent()).doesNotContainKey("Pricing");
        assertThat(f.frequency()).isEqualTo(3);
        assertThat(f.monetary()).isCloseTo(40.0, within(1e-9));
        double expectedRecency = Duration.between(d3.plusSeconds(5), f.computedAt()).toMillis() / 86_400_000.0;
        assertThat(f.recencyDays()).isCloseTo(expectedRecency, within(1e-6));
        assertThat(f.recencyDays()).isBetween(2.9, 3.1);
    }

    @Test
    void aUserWithoutRevenueHasNoRecency() {
        String user = unique("browser");
        events.track(user, null, "Viewed", now.minus(1, ChronoUnit.DAYS), null);
        update();
        ProfileFeatures f = features(user);
        assertThat(f.frequency()).isZero();
        assertThat(f.monetary()).isZero();
        assertThat(f.recencyDays()).isNull();
        assertThat(f.sessions()).isEqualTo(1);
    }

    @Test
    void windowsSlideWithTimeWithoutNewEvents() throws InterruptedException {
        String user = unique("sliding");
        Instant start = Instant.now();
        // inside the 7-day window for 6 more seconds
        Instant ts = start.minus(7, ChronoUnit.DAYS).plusSeconds(6);
        events.track(user, null, "Viewed", ts, null);
        update();
        assertThat(features(user).counts("Viewed").last7Days()).isEqualTo(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), ts.plus(7, ChronoUnit.DAYS)).toMillis() + 500));
        update();
        assertThat(features(user).counts("Viewed")).isEqualTo(new WindowCounts(0, 1, 1));
    }

    @Test
    void incrementalUpdatesEqualAFullRecompute() {
        String prefix = unique("inc");
        Random random = new Random(42);
        List<Runnable> inserts = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            String user = prefix + "-u" + u;
            String anon = prefix + "-a" + u;
            for (int e = 0; e < 12; e++) {
                Instant ts = now.minus(1 + random.nextInt(120), ChronoUnit.DAYS)
                        .plus(random.nextInt(1440), ChronoUnit.MINUTES);
                int kind = random.nextInt(5);
                inserts.add(switch (kind) {
                    case 0 -> () -> events.track(null, anon, "Viewed", ts, null);
                    case 1 -> () -> events.identify(user, anon, ts, "{\"n\": " + random.nextInt(9) + "}", null);
                    case 2 -> () -> events.track(user, null, "Order Completed", ts,
                            "{\"revenue\": " + (1 + random.nextInt(50)) + "}");
                    case 3 -> () -> events.page(user, null, "Home", ts);
                    default -> () -> events.track(user, anon, "Added", ts, null);
                });
            }
            if (u % 10 == 9) {
                inserts.add(() -> events.alias(prefix + "-u" + (random.nextInt(9)), user, now.minusSeconds(3600)));
            }
        }
        Collections.shuffle(inserts, random);
        for (int i = 0; i < inserts.size(); i++) {
            inserts.get(i).run();
            if (i % 97 == 0) {
                update();
            }
        }
        update();
        Map<String, Object> incremental = snapshot(prefix);
        updater.update(true, m -> { }, () -> false);
        Map<String, Object> full = snapshot(prefix);
        assertThat(incremental).hasSize(full.size()).isNotEmpty();
        assertThat(incremental).isEqualTo(full);
    }

    /** Features and traits of every profile whose ids start with the prefix, without the computation time. */
    private Map<String, Object> snapshot(String prefix) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Long id : jdbc.list("""
                select distinct profile_id from profile_identity where value like ? order by 1""",
                rs -> rs.getLong(1), prefix + "%")) {
            Profile p = reader.get(id).orElseThrow();
            ProfileFeatures f = p.features();
            all.put(p.userId() + "/" + p.anonymousIds(), List.of(p.traits(), String.valueOf(f.firstSeen()),
                    String.valueOf(f.lastSeen()), f.events(), f.sessions(), f.countsByEvent(), f.frequency(),
                    f.monetary()));
        }
        return all;
    }
}
