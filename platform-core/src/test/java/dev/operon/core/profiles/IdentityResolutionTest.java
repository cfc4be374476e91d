package dev.operon.core.profiles;

import static dev.operon.core.profiles.EventRows.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.db.Jdbc;
import dev.operon.sdk.profiles.Profile;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity resolution through the identity table: identify, alias, events with both ids, merges and chains. */
@QuarkusTest
class IdentityResolutionTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileUpdater updater;

    @Inject
    ProfileReader reader;

    EventRows events;
    final Instant t0 = Instant.now().minus(2, ChronoUnit.DAYS);

    @BeforeEach
    void rows() {
        events = new EventRows(jdbc);
    }

    void update() {
        updater.update(false, m -> { }, () -> false);
    }

    Profile resolve(String id) {
        return reader.resolve(id).flatMap(reader::get).orElseThrow(() -> new AssertionError("no profile for " + id));
    }

    @Test
    void identifyUpgradesTheAnonymousProfileOfTheVisitor() {
        String anon = unique("anon");
        String user = unique("user");
        events.page(null, anon, "Home", t0);
        update();
        Profile visitor = resolve(anon);
        assertThat(visitor.userId()).isNull();

        events.identify(user, anon, t0.plusSeconds(60), "{\"plan\": \"pro\"}", null);
        update();
        Profile known = resolve(user);
        assertThat(known.id()).isEqualTo(visitor.id());
        assertThat(known.userId()).isEqualTo(user);
        assertThat(known.anonymousIds()).containsExactly(anon);
        assertThat(known.trait("plan")).isEqualTo("pro");
        assertThat(known.features().events()).isEqualTo(2);
    }

    @Test
    void aKnownUserOnANewDeviceAbsorbsThatDevicesAnonymousProfile() {
        String user = unique("user");
        String laptop = unique("laptop");
        String phone = unique("phone");
        events.identify(user, laptop, t0, "{\"name\": \"Ada\"}", null);
        events.track(null, phone, "Viewed", t0.plusSeconds(10), null);
        update();
        long phoneProfile = resolve(phone).id();
        long userProfile = resolve(user).id();
        assertThat(phoneProfile).isNotEqualTo(userProfile);

        // any event carrying both ids joins them
        events.track(user, phone, "Signed In", t0.plusSeconds(20), null);
        update();
        Profile merged = resolve(phone);
        assertThat(merged.id()).isEqualTo(userProfile);
        assertThat(merged.anonymousIds()).containsExactlyInAnyOrder(laptop, phone);
        assertThat(reader.get(phoneProfile).orElseThrow().id()).as("the loser's id resolves to the winner")
                .isEqualTo(userProfile);
        assertThat(merged.features().events()).isEqualTo(3);
        assertThat(jdbc.count("select count(*) from profile_merge where loser_id = ? and winner_id = ?",
                phoneProfile, userProfile)).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from profile_features where profile_id = ?", phoneProfile)).isZero();
    }

    @Test
    void twoKnownUsersMergeOnlyThroughAnExplicitAlias() {
        String first = unique("first");
        String second = unique("second");
        String shared = unique("shared-device");
        events.identify(first, shared, t0, null, null);
        events.identify(second, shared, t0.plusSeconds(5), null, null);
        update();
        Profile one = resolve(first);
        Profile two = resolve(second);
        assertThat(one.id()).as("a shared device does not merge two people").isNotEqualTo(two.id());
        assertThat(one.anonymousIds()).containsExactly(shared);
        assertThat(two.anonymousIds()).isEmpty();

        events.alias(first, second, t0.plusSeconds(10));
        update();
        assertThat(resolve(first).id()).isEqualTo(two.id());
        assertThat(reader.get(one.id()).orElseThrow().id()).isEqualTo(two.id());
        assertThat(resolve(shared).id()).isEqualTo(two.id());
    }

    @Test
    void aliasOfAnUnknownIdNamesTheUserFromThenOn() {
        String old = unique("old-login");
        String user = unique("user");
        events.alias(old, user, t0);
        events.track(old, null, "Came Back", t0.plusSeconds(30), null);
        update();
        assertThat(resolve(old).id()).isEqualTo(resolve(user).id());
        assertThat(resolve(user).features().events()).isEqualTo(2);
    }

    @Test
    void chainsOfMergesResolveToTheLastWinner() {
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        events.track(a, null, "Seen", t0, null);
        events.track(b, null, "Seen", t0, null);
        events.track(c, null, "Seen", t0, null);
        update();
        long idA = resolve(a).id();
        long idB = resolve(b).id();
        long idC = resolve(c).id();
        events.alias(a, b, t0.plusSeconds(1));
        update();
        events.alias(b, c, t0.plusSeconds(2));
        update();
        assertThat(reader.get(idA).orElseThrow().id()).isEqualTo(idC);
        assertThat(reader.get(idB).orElseThrow().id()).isEqualTo(idC);
        assertThat(resolve(a).id()).isEqualTo(idC);
        assertThat(jdbc.count("select count(*) from profile where id in (?, ?) and merged_into = ?", idA, idB, idC))
                .as("chains are compressed: tombstones point at the live profile").isEqualTo(2);
        assertThat(resolve(c).features().events()).isEqualTo(5);
    }

    @Test
    void aMergeWithinOneBatchAndReprocessingChangeNothingTwice() {
        String user = unique("user");
        String anon = unique("anon");
        events.track(user, null, "Seen", t0, null);
        events.track(null, anon, "Seen", t0, null);
        events.track(user, anon, "Both", t0.plusSeconds(1), null);
        update();
        Profile profile = resolve(anon);
        assertThat(profile.userId()).isEqualTo(user);
        long profiles = jdbc.count("select count(*) from profile");
        long identities = jdbc.count("select count(*) from profile_identity");
        updater.update(true, m -> { }, () -> false);
        assertThat(jdbc.count("select count(*) from profile")).isEqualTo(profiles);
        assertThat(jdbc.count("select count(*) from profile_identity")).isEqualTo(identities);
        assertThat(resolve(anon).id()).isEqualTo(profile.id());
    }

    /** What the profiles of a chain look like: the live traits, tombstones, merges and identities. */
    private String chainState(String a, String b, String c) {
        long idA = jdbc.list("select profile_id from profile_identity where value = ?", rs -> rs.getLong(1), a).get(0);
        long idC = resolve(c).id();
        String traits = jdbc.list("select traits::text from profile where id = ?", rs -> rs.getString(1), idC).get(0);
        java.util.List<String> tombs = jdbc.list("select coalesce(user_id, '-') || ' ' || traits::text from profile"
                + " where merged_into = ? order by id", rs -> rs.getString(1), idC);
        long merges = jdbc.count("select count(*) from profile_merge m join profile p on p.id = m.loser_id"
                + " where p.merged_into = ?", idC);
        java.util.List<String> identities = jdbc.list("select kind || ':' || (profile_id = ?) from profile_identity"
                + " where value in (?, ?, ?) order by kind, value", rs -> rs.getString(1), idC, a, b, c);
        return "traits " + traits + " tombs " + tombs + " merges " + merges
                + " identities " + identities + " a->c " + (idA == idC);
    }

    @Test
    void aChainOfMergesInOneStepEndsLikeTheSameChainOverSeveralSteps() {
        String[] oneStep = {unique("a"), unique("b"), unique("c")};
        String[] steps = {unique("a"), unique("b"), unique("c")};
        for (String[] ids : new String[][] {oneStep, steps}) {
            boolean split = ids == steps;
            events.identify(ids[0], null, t0, "{\"plan\": \"free\", \"city\": \"Oslo\"}", null);
            events.identify(ids[1], null, t0.plusSeconds(1), "{\"plan\": \"pro\"}", null);
            events.identify(ids[2], null, t0.plusSeconds(2), "{\"seats\": 3}", null);
            if (split) {
                update();
            }
            events.alias(ids[0], ids[1], t0.plusSeconds(3));
            if (split) {
                update();
            }
            events.alias(ids[1], ids[2], t0.plusSeconds(4));
            update();
        }
        String expected = chainState(steps[0], steps[1], steps[2]);
        assertThat(expected).contains("\"plan\": \"pro\"").contains("\"city\": \"Oslo\"").contains("\"seats\": 3")
                .contains("merges 2").contains("a->c true");
        assertThat(chainState(oneStep[0], oneStep[1], oneStep[2])).isEqualTo(expected);
        assertThat(resolve(oneStep[0]).id()).isEqualTo(resolve(oneStep[2]).id());
    }
}
