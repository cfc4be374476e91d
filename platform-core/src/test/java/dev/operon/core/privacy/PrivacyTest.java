package dev.operon.core.privacy;

import static dev.operon.core.profiles.EventRows.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.core.ingest.EventImporter;
import dev.operon.core.ingest.EventWriter;
import dev.operon.core.ingest.ImportSummary;
import dev.operon.core.ingest.IncomingEvent;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.plugins.TestPlugin;
import dev.operon.core.profiles.EventRows;
import dev.operon.core.profiles.ProfileUpdater;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Export and erasure of one end user across the core and the test plugin's hook. */
@QuarkusTest
class PrivacyTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileUpdater updater;

    @Inject
    PrivacyService privacy;

    @Inject
    PluginRegistry registry;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventWriter writer;

    @Inject
    EventImporter importer;

    EventRows rows;
    Profiles profiles;
    Events events;
    final Instant t0 = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    final Actor dpo = Actor.operator("dpo");

    @BeforeEach
    void setUp() {
        rows = new EventRows(jdbc);
        profiles = registry.services("test-kit").profiles();
        events = registry.services("test-kit").events();
    }

    void update() {
        updater.update(false, m -> { }, () -> false);
    }

    /** A user with two devices (one merged in), traits, consent, scores, events and a plugin note. */
    record Person(String user, String laptop, String phone, long profileId, long phoneProfileId) {
    }

    Person person() {
        String user = unique("person");
        String laptop = unique("laptop");
        String phone = unique("phone");
        rows.page(null, laptop, "Home", t0);
        rows.identify(user, laptop, t0.plusSeconds(10), "{\"email\": \"" + user + "@example.com\"}",
                "{\"marketing\": true}");
        rows.track(null, phone, "Viewed", t0.plusSeconds(20), null);
        update();
        long phoneProfile = profiles.resolve(phone).orElseThrow().id();
        rows.track(user, phone, "Order Completed", t0.plusSeconds(30), "{\"revenue\": 12}");
        rows.identify(user, null, t0.plusSeconds(40), "{\"email\": \"new-" + user + "@example.com\"}", null);
        update();
        long id = profiles.resolve(user).orElseThrow().id();
        profiles.putScores(id, "churn", Map.of("score", 0.4));
        jdbc.update("insert into test_kit_user_note (user_id, text) values (?, ?)", user, "called support");
        return new Person(user, laptop, phone, id, phoneProfile);
    }

    @Test
    @SuppressWarnings("unchecked")
    void exportHoldsEverythingAboutThePerson() throws Exception {
        Person p = person();
        String other = unique("bystander");
        rows.track(other, null, "Viewed", t0, null);
        update();

        Map<String, Object> export = privacy.export(p.phone(), dpo);
        Map<Object, Object> json = mapper.readValue(mapper.writeValueAsString(export), Map.class);
        Map<Object, Object> subject = (Map<Object, Object>) json.get("subject");
        assertThat((List<Object>) subject.get("userIds")).containsExactly(p.user());
        assertThat((List<Object>) subject.get("anonymousIds")).containsExactlyInAnyOrder(p.laptop(), p.phone());
        assertThat((List<Object>) subject.get("profileIds")).map(o -> ((Number) o).longValue())
                .containsExactlyInAnyOrder(p.profileId(), p.phoneProfileId());
        Map<Object, Object> profile = (Map<Object, Object>) json.get("profile");
        assertThat(((Map<Object, Object>) profile.get("traits")).get("email")).isEqualTo("new-" + p.user() + "@example.com");
        assertThat((List<Object>) profile.get("identities")).hasSize(3);
        assertThat(((Map<Object, Object>) profile.get("consent")).get("marketing")).isEqualTo(true);
        assertThat((Map<Object, Object>) profile.get("scores")).containsKey("test-kit.churn");
        assertThat(((Map<Object, Object>) profile.get("features")).get("events")).isEqualTo(5);
        assertThat((List<Object>) profile.get("merges")).hasSize(1);
        assertThat((List<Object>) json.get("traitHistory")).hasSize(2);
        assertThat((List<Object>) json.get("consentHistory")).hasSize(1);
        List<Object> exported = (List<Object>) json.get("events");
        assertThat(exported).hasSize(5);
        assertThat(exported.toString()).doesNotContain(other);
        assertThat((Map<Object, Object>) json.get("plugins")).containsEntry("test-kit", Map.of("notes", List.of("called support")));
        assertThat(jdbc.count("select count(*) from audit_record where action = 'privacy.export' and target = ?",
                "subject:" + SubjectHash.of(p.phone()))).isEqualTo(1);
        assertThatThrownBy(() -> privacy.export(unique("nobody"), dpo)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void erasureLeavesNothingIsAuditedWithHashesAndIsIdempotent() {
        Person p = person();
        String other = unique("bystander");
        rows.track(other, null, "Viewed", t0, null);
        update();
        long otherEvents = jdbc.count("select count(*) from event where user_id = ?", other);
        TestPlugin.UserNotes.ERASED.clear();

        ErasureReport report = privacy.erase(p.laptop(), dpo);
        assertThat(report.status()).isEqualTo("completed");
        assertThat(report.found()).isTrue();
        assertThat(report.parts()).containsKeys("core", "plugin.test-kit");
        assertThat(((Map<Object, Object>) report.parts().get("core").get("deleted")).get("events")).isEqualTo(5L);
        assertThat(report.parts().get("plugin.test-kit")).isEqualTo(Map.of("status", "completed"));
        assertThat(TestPlugin.UserNotes.ERASED).singleElement().satisfies(s -> {
            assertThat(s.userIds()).containsExactly(p.user());
            assertThat(s.profileIds()).containsExactlyInAnyOrder(p.profileId(), p.phoneProfileId());
        });
        assertNothingLeft(p);
        assertThat(jdbc.count("select count(*) from event where user_id = ?", other)).isEqualTo(otherEvents);

        // the audit record has the request, hashed; no raw id anywhere in it
        String audit = jdbc.one("select target || ' ' || coalesce(details, '') from audit_record "
                + "where action = 'privacy.erase' order by seq desc limit 1", rs -> rs.getString(1)).orElseThrow();
        assertThat(audit).contains(SubjectHash.of(p.laptop())).doesNotContain(p.user()).doesNotContain(p.laptop())
                .doesNotContain(p.phone());
        assertThat(jdbc.count("select count(*) from privacy_erasure where id = ? and subject is null",
                report.erasureId())).as("raw ids are not kept once complete").isEqualTo(1);

        // a second request succeeds and changes nothing
        long auditBefore = jdbc.count("select count(*) from audit_record where action = 'privacy.erase'");
        ErasureReport again = privacy.erase(p.laptop(), dpo);
        assertThat(again.status()).isEqualTo("completed");
        assertThat(again.found()).isFalse();
        assertThat(((Map<Object, Object>) again.parts().get("core").get("deleted")).values())
                .allMatch(n -> ((Number) n).longValue() == 0);
        assertThat(jdbc.count("select count(*) from audit_record where action = 'privacy.erase'"))
                .isEqualTo(auditBefore + 1);
        assertNothingLeft(p);
    }

    @Test
    void eventsOfAnErasedUserArrivingLaterAreDroppedWithTheirNewIds() {
        Person p = person();
        privacy.erase(p.user(), dpo);
        String newDevice = unique("tablet");
        rows.track(p.user(), newDevice, "Came Back", Instant.now(), null);
        rows.track(null, newDevice, "Browsed", Instant.now().plusSeconds(1), null);
        rows.track(null, p.phone(), "Late", Instant.now(), null);
        update();
        assertNothingLeft(p);
        assertThat(jdbc.count("select count(*) from event where anonymous_id = ?", newDevice)).isZero();
        assertThat(profiles.resolve(newDevice)).isEmpty();
    }

    @Test
    void ingestionDropsEventsOfAnErasedPersonBeforeWritingAndKeepsOthers() throws Exception {
        Person p = person();
        privacy.erase(p.user(), dpo);
        String other = unique("other");
        String stranger = unique("stranger");
        EventWriter.Appended appended = writer.append(List.of(incoming(p.user(), unique("tablet")),
                incoming(null, p.phone()), incoming(other, p.phone()), incoming(null, stranger)));
        assertThat(appended.accepted()).isEqualTo(2);
        assertThat(appended.dropped()).isEqualTo(2);
        assertThat(jdbc.count("select count(*) from event where user_id = ? or (user_id is null and anonymous_id = ?)",
                p.user(), p.phone())).as("never written, before any profile update").isZero();
        assertThat(jdbc.count("select count(*) from event where user_id = ? and anonymous_id = ?", other, p.phone()))
                .as("another user's event on a shared device is kept").isEqualTo(1);
        assertThat(jdbc.count("select count(*) from event where anonymous_id = ?", stranger)).isEqualTo(1);

        String lines = "{\"type\":\"track\",\"event\":\"Late\",\"userId\":\"" + p.user() + "\"}\n"
                + "{\"type\":\"track\",\"event\":\"Fine\",\"userId\":\"" + other + "\"}\n";
        ImportSummary summary = importer.importEvents(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                EventImporter.Format.JSONL, EventImporter.Mode.VALID_ONLY, null, null);
        assertThat(summary.imported()).isEqualTo(1);
        assertThat(summary.suppressed()).isEqualTo(1);
        assertThat(summary.duplicates()).isZero();
        assertThat(jdbc.count("select count(*) from event where user_id = ?", p.user())).isZero();
    }

    private static IncomingEvent incoming(String userId, String anonymousId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new IncomingEvent(null, unique("message"), "track", "Came Back", userId, anonymousId, null, null, now,
                null, null, now, null, null, null, null);
    }

    @Test
    void aFailedPluginPartIsRetriedWithTheIdsTheFirstAttemptFound() {
        Person p = person();
        TestPlugin.UserNotes.ERASED.clear();
        TestPlugin.UserNotes.FAIL_NEXT_ERASE.set(true);
        ErasureReport first = privacy.erase(p.user(), dpo);
        assertThat(first.status()).isEqualTo("partial");
        assertThat(first.parts().get("plugin.test-kit")).containsEntry("status", "failed");
        assertThat(first.parts().get("core")).containsEntry("status", "completed");
        assertThat(jdbc.count("select count(*) from test_kit_user_note where user_id = ?", p.user())).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from audit_record where action = 'privacy.erase' and outcome = "
                + "'failure' and target = ?", "subject:" + SubjectHash.of(p.user()))).isEqualTo(1);

        // the core knows nothing about the id any more; the retry uses what the first attempt found
        ErasureReport retry = privacy.erase(p.phone(), dpo);
        assertThat(retry.status()).isEqualTo("completed");
        assertThat(TestPlugin.UserNotes.ERASED).hasSize(2);
        assertThat(TestPlugin.UserNotes.ERASED.get(1).userIds()).contains(p.user());
        assertThat(TestPlugin.UserNotes.ERASED.get(1).profileIds()).contains(p.profileId());
        assertThat(jdbc.count("select count(*) from test_kit_user_note where user_id = ?", p.user())).isZero();
        assertThat(jdbc.count("select count(*) from privacy_erasure where id in (?, ?) and status = 'completed' "
                + "and subject is null", first.erasureId(), retry.erasureId())).isEqualTo(2);
        assertNothingLeft(p);
    }

    /** SQL over every table that can hold the person, and the SDK's view. */
    private void assertNothingLeft(Person p) {
        String[] ids = {p.user(), p.laptop(), p.phone()};
        Long[] profileIds = {p.profileId(), p.phoneProfileId()};
        assertThat(jdbc.count("select count(*) from event where user_id = any(?) or anonymous_id = any(?) "
                + "or previous_id = any(?)", ids, ids, ids)).isZero();
        assertThat(jdbc.count("select count(*) from event where properties::text like ? or traits::text like ?",
                "%" + p.user() + "%", "%" + p.user() + "%")).isZero();
        assertThat(jdbc.count("select count(*) from profile where id = any(?) or merged_into = any(?) "
                + "or user_id = any(?)", profileIds, profileIds, ids)).isZero();
        assertThat(jdbc.count("select count(*) from profile_identity where value = any(?) or profile_id = any(?)",
                ids, profileIds)).isZero();
        assertThat(jdbc.count("select count(*) from profile_trait_history where profile_id = any(?)", (Object) profileIds))
                .isZero();
        assertThat(jdbc.count("select count(*) from profile_trait_history where new_value::text like ?",
                "%" + p.user() + "%")).isZero();
        assertThat(jdbc.count("select count(*) from profile_consent_history where profile_id = any(?)", (Object) profileIds))
                .isZero();
        assertThat(jdbc.count("select count(*) from profile_features where profile_id = any(?)", (Object) profileIds))
                .isZero();
        assertThat(jdbc.count("select count(*) from profile_score where profile_id = any(?)", (Object) profileIds)).isZero();
        assertThat(jdbc.count("select count(*) from profile_merge where winner_id = any(?) or loser_id = any(?)",
                profileIds, profileIds)).isZero();
        assertThat(jdbc.count("select count(*) from test_kit_user_note where user_id = ?", p.user())).isZero();
        assertThat(jdbc.count("select count(*) from privacy_erasure where subject::text like ?",
                "%" + p.user() + "%")).isZero();
        assertThat(jdbc.count("select count(*) from audit_record where coalesce(target, '') || coalesce(details, '') "
                + "|| coalesce(before, '') || coalesce(after, '') like ?", "%" + p.user() + "%")).isZero();
        for (String id : ids) {
            assertThat(profiles.resolve(id)).isEmpty();
        }
        for (long id : profileIds) {
            assertThat(profiles.get(id)).isEmpty();
            assertThat(events.count(EventQuery.all().ofProfile(id))).isZero();
        }
        List<Profile> everyone = new ArrayList<>();
        profiles.forEach(ProfileQuery.all(), everyone::add);
        assertThat(everyone).noneMatch(x -> p.user().equals(x.userId()) || x.anonymousIds().contains(p.phone()));
        long[] seen = {0};
        events.forEach(EventQuery.all(), e -> {
            if (p.user().equals(e.userId()) || p.laptop().equals(e.anonymousId()) || p.phone().equals(e.anonymousId())) {
                seen[0]++;
            }
        });
        assertThat(seen[0]).as("training data pulled afterwards never contains the user").isZero();
    }
}
