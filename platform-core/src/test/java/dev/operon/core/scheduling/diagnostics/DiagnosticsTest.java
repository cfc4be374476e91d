package dev.operon.core.scheduling.diagnostics;

import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.db.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;

/** The capacity probes: right counts, repeatable, admin only, bounded sizes. */
@QuarkusTest
@TestSecurity(user = "diag-admin", roles = {"admin", "operator", "viewer"})
class DiagnosticsTest {

    private static final String BASELINE = "/api/v1/diagnostics/scheduler-baseline";
    private static final String ENGINE = "/api/v1/diagnostics/engine-throughput";

    @Inject
    Jdbc jdbc;

    @Inject
    Scheduler quartz;

    @Test
    void baselineRunsEveryJobAndLeavesNoneBehind() throws Exception {
        for (int call = 0; call < 2; call++) {
            JsonPath result = json().post(BASELINE + "?jobs=25").then().statusCode(200).extract().jsonPath();
            assertThat(result.getInt("jobs")).isEqualTo(25);
            assertThat(result.getDouble("seconds")).isPositive();
            assertThat(result.getDouble("scheduledSeconds")).isPositive()
                    .isLessThanOrEqualTo(result.getDouble("seconds"));
            assertThat(result.getDouble("perSecond")).isCloseTo(25 / result.getDouble("seconds"),
                    org.assertj.core.data.Percentage.withPercentage(0.1));
        }
        assertThat(quartz.getJobKeys(GroupMatcher.jobGroupEquals(SchedulerBaseline.GROUP))).isEmpty();
        assertThat(jdbc.count("select count(*) from audit_record where action = 'diagnostics.scheduler-baseline'"
                + " and actor_id = 'diag-admin'")).isEqualTo(2);
    }

    @Test
    void engineProbeEndsEveryRunThroughTheRealPath() {
        long before = noopRunsOfTester();
        long lastRunBefore = jdbc.count("select coalesce(max(id), 0) from run");
        for (int call = 0; call < 2; call++) {
            JsonPath result = json().post(ENGINE + "?runs=12").then().statusCode(200).extract().jsonPath();
            assertThat(result.getInt("runs")).isEqualTo(12);
            assertThat(result.getLong("failed")).isZero();
            assertThat(result.getDouble("seconds")).isPositive();
            assertThat(result.getDouble("perSecond")).isPositive();
            assertThat(result.getDouble("queuedSeconds")).isPositive()
                    .isLessThanOrEqualTo(result.getDouble("seconds"));
        }
        assertThat(noopRunsOfTester() - before).isEqualTo(24);
        assertThat(jdbc.count("select count(*) from run where task_type = 'core.noop' and requested_by ="
                + " 'operator:diag-admin' and state <> 'succeeded'")).isZero();
        // audit tests append synthetic "run.state" records for made-up targets such as run:1; real state changes
        // always carry the new state in "after", so only those are counted
        assertThat(jdbc.list("select a.after from audit_record a join run r on a.target = 'run:' || r.id"
                + " where r.requested_by = 'operator:diag-admin' and a.action = 'run.state' and r.id > ?"
                + " and a.after like '%\"state\"%'", rs -> rs.getString(1), lastRunBefore))
                .as("requested, running and succeeded are audited for each run").hasSize(24 * 3);
    }

    private long noopRunsOfTester() {
        return jdbc.count("select count(*) from run where task_type = 'core.noop' and requested_by ="
                + " 'operator:diag-admin' and state = 'succeeded'");
    }

    @Test
    void sizesOutsideTheBoundsAreInvalid() {
        for (String query : new String[] {"?jobs=0", "?jobs=20001", "?jobs=-3", ""}) {
            json().post(BASELINE + query).then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.is("jobs"));
        }
        for (String query : new String[] {"?runs=0", "?runs=20001", ""}) {
            json().post(ENGINE + query).then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.is("runs"));
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = {"viewer"})
    void viewersMayNotProbe() {
        json().post(BASELINE + "?jobs=5").then().statusCode(403);
        json().post(ENGINE + "?runs=5").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "olga", roles = {"operator", "viewer"})
    void operatorsMayNotProbe() {
        json().post(BASELINE + "?jobs=5").then().statusCode(403);
        json().post(ENGINE + "?runs=5").then().statusCode(403);
    }

    @Test
    void probesAreDescribedInTheOpenApiDocument() {
        String document = io.restassured.RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        assertThat(document).contains(BASELINE, ENGINE, "Capacity probe");
    }
}
