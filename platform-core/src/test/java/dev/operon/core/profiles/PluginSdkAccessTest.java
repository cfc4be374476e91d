package dev.operon.core.profiles;

import static dev.operon.core.profiles.EventRows.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.operon.core.db.Jdbc;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's Events and Profiles as the test plugin receives them from the platform. */
@QuarkusTest
class PluginSdkAccessTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileUpdater updater;

    @Inject
    PluginRegistry registry;

    EventRows rows;
    Events events;
    Profiles profiles;
    final Instant t0 = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void services() {
        rows = new EventRows(jdbc);
        events = registry.services("test-kit").events();
        profiles = registry.services("test-kit").profiles();
    }

    void update() {
        updater.update(false, m -> { }, () -> false);
    }

    @Test
    void eventsAreReadByProfileNameTimeAndCursorWithTheirResolvedProfile() {
        String user = unique("reader");
        String anon = unique("reader-anon");
        long first = rows.track(null, anon, "Viewed", t0, null);
        rows.identify(user, anon, t0.plusSeconds(10), "{\"plan\": \"pro\"}", null);
        for (int i = 0; i < 1_500; i++) {
            rows.track(user, null, i % 3 == 0 ? "Order Completed" : "Viewed", t0.plusSeconds(20 + i),
                    "{\"revenue\": " + i + "}");
        }
        rows.track(unique("someone-else"), null, "Viewed", t0, null);
        update();
        Profile profile = profiles.resolve(anon).orElseThrow();
        assertThat(profiles.resolve(user).orElseThrow().id()).isEqualTo(profile.id());

        List<Event> all = new ArrayList<>();
        events.forEach(EventQuery.all().ofProfile(profile.id()), all::add);
        assertThat(all).hasSize(1_502);
        assertThat(all).extracting(Event::profileId).containsOnly(profile.id());
        assertThat(all).extracting(Event::id).isSorted();
        assertThat(all.get(0).id()).isEqualTo(first);
        assertThat(all.get(1).traits()).containsEntry("plan", "pro");
        assertThat(events.count(EventQuery.all().ofProfile(profile.id()))).isEqualTo(1_502);
        assertThat(events.count(EventQuery.all().ofProfile(profile.id()).named("Order Completed")))
                .isEqualTo(500);
        assertThat(events.count(EventQuery.all().ofProfile(profile.id()).ofTypes("identify"))).isEqualTo(1);
        assertThat(events.count(EventQuery.all().ofProfile(profile.id())
                .between(t0.plusSeconds(20), t0.plusSeconds(30)))).isEqualTo(10);
        long middle = all.get(1_000).id();
        assertThat(events.count(EventQuery.all().ofProfile(profile.id()).after(middle))).isEqualTo(501);
        List<Event> limited = new ArrayList<>();
        events.forEach(EventQuery.all().ofProfile(profile.id()).limit(7), limited::add);
        assertThat(limited).hasSize(7);
        assertThat(all.get(5).number("revenue", -1)).isEqualTo(3.0);
        assertThat(events.count(EventQuery.all().ofProfile(Long.MAX_VALUE))).isZero();
    }

    @Test
    void trackAppendsAnEventOfThePluginThatResolvesToTheProfile() {
        String user = unique("tracked");
        rows.track(user, null, "Viewed", t0, null);
        update();
        Profile profile = profiles.resolve(user).orElseThrow();
        String messageId = events.track(profile.id(), "Segment Entered", Map.of("segment", "vip"));
        assertThat(jdbc.one("select context -> 'operon' ->> 'plugin' from event where message_id = ?",
                rs -> rs.getString(1), messageId)).contains("test-kit");
        List<Event> entered = new ArrayList<>();
        events.forEach(EventQuery.all().ofProfile(profile.id()).named("Segment Entered"), entered::add);
        assertThat(entered).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isEqualTo(messageId);
            assertThat(e.userId()).isEqualTo(user);
            assertThat(e.properties()).containsEntry("segment", "vip");
            assertThat(e.profileId()).isEqualTo(profile.id());
        });
        update();
        Profile after = profiles.get(profile.id()).orElseThrow();
        assertThat(after.features().events()).as("a plugin's event is not the user's activity").isEqualTo(1);
        assertThat(after.features().counts("Segment Entered").last7Days()).isEqualTo(1);
        assertThatThrownBy(() -> events.track(Long.MAX_VALUE, "X", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profilesAreReadStreamedCountedAndScoredPerPlugin() {
        String prefix = unique("scored");
        for (int i = 0; i < 30; i++) {
            rows.identify(prefix + "-" + i, null, t0, "{\"i\": " + i + "}", null);
        }
        update();
        Profile first = profiles.resolve(prefix + "-0").orElseThrow();
        Instant before = Instant.now();
        profiles.putScores(first.id(), "churn", Map.of("score", 0.8, "top", List.of("recency")));
        profiles.putScores(first.id(), "churn", Map.of("score", 0.7));
        Profile scored = profiles.get(first.id()).orElseThrow();
        assertThat(scored.scores()).containsOnlyKeys("test-kit.churn");
        assertThat(scored.scores().get("test-kit.churn")).isEqualTo(Map.of("score", 0.7));
        assertThat(scored.updatedAt()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        assertThat(jdbc.count("select count(*) from profile_score where profile_id = ? and plugin_id = 'test-kit'",
                first.id())).isEqualTo(1);

        List<Profile> after = new ArrayList<>();
        profiles.forEach(ProfileQuery.all().after(first.id() - 1).limit(30), after::add);
        assertThat(after).hasSize(30).extracting(Profile::id).isSorted();
        assertThat(profiles.count(ProfileQuery.all().after(first.id() - 1).limit(30))).isEqualTo(30);
        List<Profile> recent = new ArrayList<>();
        profiles.forEach(ProfileQuery.all().updatedSince(before), recent::add);
        assertThat(recent).extracting(Profile::id).contains(first.id());
        assertThat(profiles.count(ProfileQuery.all())).isGreaterThanOrEqualTo(30);
        assertThatThrownBy(() -> profiles.putScores(Long.MAX_VALUE, "churn", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> profiles.putScores(first.id(), "Bad Name", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
