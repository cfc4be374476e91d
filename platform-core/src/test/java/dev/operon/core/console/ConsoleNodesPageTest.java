package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.scheduling.NodeIdentity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The Nodes page over plain HTTP, in both languages; ConsoleBrowserTest opens it in Chromium. */
@QuarkusTest
class ConsoleNodesPageTest {

    @Inject
    NodeIdentity node;

    @Test
    void aViewerSeesThisNodeAliveWithItsRolesAndTheNavLink() {
        ConsoleClient viewer = ConsoleClient.signInAs("viewer");
        String page = viewer.page("/nodes");
        assertThat(page).contains("id=\"nodes-table\"").contains("data-node=\"" + node.id() + "\"")
                .contains(">alive<").contains(">this node<").contains(">scheduler<").contains(">worker<")
                .contains("href=\"/nodes\" aria-current=\"page\"").contains("hx-trigger=\"every 5s\"")
                .doesNotContain("??");
        assertThat(viewer.page("/")).contains("href=\"/nodes\"");
    }

    @Test
    void thePageIsInChineseForAChineseSession() {
        ConsoleClient viewer = ConsoleClient.signInAs("viewer");
        String page = viewer.request().cookie("operon_lang", "zh-CN").get("/nodes").then().statusCode(200)
                .extract().body().asString();
        assertThat(page).contains("节点").contains("在线").contains("本节点").doesNotContain("??");
    }

    @Test
    void visitorsAreSentToSignIn() {
        int status = io.restassured.RestAssured.given().redirects().follow(false).get("/nodes").statusCode();
        assertThat(status).isIn(302, 303, 401);
    }
}
