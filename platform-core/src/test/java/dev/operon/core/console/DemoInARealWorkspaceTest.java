package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.core.demo.DemoSeeding;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real workspace (no {@code --demo}) never gets demo data: no banner, the seed button's POST and the service refuse. */
@QuarkusTest
class DemoInARealWorkspaceTest {

    @Inject
    DemoSeeding seeding;

    @Inject
    Jdbc jdbc;

    @Test
    void nothingOfTheDemoReachesARealWorkspace() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        assertThat(admin.page("/")).doesNotContain("id=\"demo-banner\"").doesNotContain("id=\"demo-seed\"");
        Response refused = admin.post("/demo/seed", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body().asString()).contains("not a demo workspace");
        assertThat(admin.request().formParams(Map.of("x", "y")).post("/demo/seed").statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> seeding.seed(Actor.SYSTEM)).isInstanceOf(ApiException.class)
                .hasMessageContaining("not a demo workspace");
        assertThat(seeding.startInBackground(Actor.SYSTEM)).isFalse();
        assertThat(jdbc.count("select count(*) from event_source where name = 'demo-shop'")).isZero();
        assertThat(jdbc.count("select count(*) from audit_record where action = 'demo.seed'")).isZero();
        assertThat(jdbc.count("select count(*) from event where user_id like 'demo-user-%'")).isZero();
        ConsoleClient viewer = ConsoleClient.signInAs("viewer");
        assertThat(viewer.post("/demo/seed", Map.of()).statusCode()).isEqualTo(403);
    }
}
