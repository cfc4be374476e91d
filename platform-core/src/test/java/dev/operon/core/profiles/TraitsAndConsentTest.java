package dev.operon.core.profiles;

import static dev.operon.core.profiles.EventRows.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Traits: latest event time wins whatever the arrival order, history kept; consent: defaults, identify, API. */
@QuarkusTest
class TraitsAndConsentTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileUpdater updater;

    @Inject
    ProfileReader reader;

    @Inject
    ProfileQueries queries;

    @Inject
    ConsentService consent;

    @Inject
    PluginProfileAccess access;

    EventRows events;
    final Instant t0 = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void rows() {
        events = new EventRows(jdbc);
    }

    void update() {
        updater.update(false, m -> { }, () -> false);
    }

    Profile resolve(String id) {
        return reader.resolve(id).flatMap(reader::get).orElseThrow();
    }

    @Test
    void theLatestEventTimeWinsEvenWhenOlderEventsArriveLater() {
        String user = unique("user");
        events.identify(user, null, t0.plusSeconds(100), "{\"plan\": \"pro\", \"city\": \"Lyon\"}", null);
        update();
        // arrives later, happened earlier: recorded, not applied
        events.identify(user, null, t0, "{\"plan\": \"free\", \"age\": 30}", null);
        update();
        Profile profile = resolve(user);
        assertThat(profile.traits()).containsEntry("plan", "pro").containsEntry("city", "Lyon")
                .containsEntry("age", 30);

        // in one batch, newest first
        events.identify(user, null, t0.plusSeconds(300), "{\"plan\": \"enterprise\"}", null);
        events.identify(user, null, t0.plusSeconds(200), "{\"plan\": \"team\"}", null);
        update();
        assertThat(resolve(user).trait("plan")).isEqualTo("enterprise");

        List<ProfileViews.TraitChange> plan = queries.traitHistory(profile.id(), "plan", null, 100).items();
        assertThat(plan).extracting(ProfileViews.TraitChange::newValue)
                .containsExactlyInAnyOrder("pro", "free", "enterprise", "team");
        assertThat(plan).filteredOn(c -> c.newValue().equals("free")).singleElement()
                .satisfies(c -> {
                    assertThat(c.applied()).isFalse();
                    assertThat(c.oldValue()).isEqualTo("pro");
                    assertThat(c.eventTime()).isEqualTo(t0);
                });
        assertThat(plan).filteredOn(c -> c.newValue().equals("team")).singleElement()
                .satisfies(c -> assertThat(c.applied()).isFalse());

        long rows = jdbc.count("select count(*) from profile_trait_history where profile_id = ?", profile.id());
        updater.update(true, m -> { }, () -> false);
        assertThat(jdbc.count("select count(*) from profile_trait_history where profile_id = ?", profile.id()))
                .as("reprocessing adds no history").isEqualTo(rows);
        assertThat(resolve(user).trait("plan")).isEqualTo("enterprise");
    }

    @Test
    void aMergeKeepsTheLaterValueOfEachTraitAndBothHistories() {
        String user = unique("user");
        String anon = unique("anon");
        events.identify(user, null, t0, "{\"plan\": \"pro\", \"lang\": \"fr\"}", null);
        events.identify(null, anon, t0.plusSeconds(50), "{\"lang\": \"de\", \"ref\": \"ad\"}", null);
        update();
        long anonProfile = resolve(anon).id();
        events.track(user, anon, "Signed In", t0.plusSeconds(60), null);
        update();
        Profile merged = resolve(user);
        assertThat(merged.traits()).containsEntry("plan", "pro").containsEntry("lang", "de")
                .containsEntry("ref", "ad");
        assertThat(jdbc.count("select count(*) from profile_trait_history where profile_id = ?", anonProfile))
                .isZero();
        assertThat(queries.traitHistory(merged.id(), "lang", null, 10).items())
                .extracting(ProfileViews.TraitChange::source).contains("identify", "merge:" + anonProfile);
    }

    @Test
    void consentComesFromDefaultsIdentifyContextAndTheApiAndFiltersProfiles() {
        String defaults = unique("defaults");
        String optedIn = unique("opted-in");
        String segmentStyle = unique("segment-style");
        events.identify(defaults, null, t0, "{}", null);
        events.identify(optedIn, null, t0, null, "{\"marketing\": true, \"analytics\": false}");
        events.identify(segmentStyle, null, t0, null,
                "{\"categoryPreferences\": {\"Marketing\": true, \"personalization\": false}}");
        update();
        assertThat(resolve(defaults).consent().purposes()).containsEntry(Consent.ANALYTICS, true)
                .containsEntry(Consent.PERSONALIZATION, true).containsEntry(Consent.MARKETING, false);
        Consent in = resolve(optedIn).consent();
        assertThat(in.allows(Consent.MARKETING)).isTrue();
        assertThat(in.allows(Consent.ANALYTICS)).isFalse();
        Consent seg = resolve(segmentStyle).consent();
        assertThat(seg.allows(Consent.MARKETING)).isTrue();
        assertThat(seg.allows(Consent.PERSONALIZATION)).isFalse();

        Profiles profiles = access.forPlugin("test-kit");
        List<String> marketable = new ArrayList<>();
        profiles.forEach(ProfileQuery.all().allowing(Consent.MARKETING), p -> marketable.add(p.userId()));
        assertThat(marketable).contains(optedIn, segmentStyle).doesNotContain(defaults);
        List<String> analysable = new ArrayList<>();
        profiles.forEach(ProfileQuery.all().allowing(Consent.ANALYTICS), p -> analysable.add(p.userId()));
        assertThat(analysable).contains(defaults, segmentStyle).doesNotContain(optedIn);
        assertThat(profiles.count(ProfileQuery.all().allowing(Consent.MARKETING))).isEqualTo(marketable.size());
        assertThat(profiles.count(ProfileQuery.all().allowing("unheard-of"))).isZero();

        // the API: opt out of marketing (audited), reset analytics to its default
        long id = resolve(optedIn).id();
        Map<String, Boolean> choices = new HashMap<>();
        choices.put(Consent.MARKETING, false);
        choices.put(Consent.ANALYTICS, null);
        Consent after = consent.set(id, choices, Actor.operator("dpo"));
        assertThat(after.allows(Consent.MARKETING)).isFalse();
        assertThat(after.allows(Consent.ANALYTICS)).isTrue();
        assertThat(jdbc.count("select count(*) from audit_record where action = 'profile.consent' and target = ? "
                + "and actor_id = 'dpo'", "profile:" + id)).isEqualTo(1);
        List<String> stillMarketable = new ArrayList<>();
        profiles.forEach(ProfileQuery.all().allowing(Consent.MARKETING), p -> stillMarketable.add(p.userId()));
        assertThat(stillMarketable).doesNotContain(optedIn);

        // an identify made after the API change wins again (the user's latest choice)
        events.identify(optedIn, null, Instant.now().plusSeconds(5), null, "{\"marketing\": true}");
        update();
        assertThat(resolve(optedIn).consent().allows(Consent.MARKETING)).isTrue();
        assertThat(queries.consentHistory(id)).extracting(ProfileViews.ConsentChange::source)
                .contains("identify", "api:operator:dpo");
    }
}
