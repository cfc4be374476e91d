package dev.operon.core.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The probe paths the Kubernetes manifests use answer 200 "UP" on a running platform, without credentials. */
@QuarkusTest
class ProbeEndpointsTest {

    @Test
    void everyProbePathOfTheManifestsIsUpAndPublic() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (String role : new String[] {"api", "scheduler", "worker", "gpu"}) {
            JsonNode deployment = new YAMLMapper().readTree(
                    Path.of("..", "deploy", "kubernetes", "deployment-" + role + ".yaml").toFile());
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            for (String probe : new String[] {"startupProbe", "livenessProbe", "readinessProbe"}) {
                paths.add(container.path(probe).path("httpGet").path("path").asText());
            }
        }
        assertThat(paths).hasSize(3);
        for (String path : paths) {
            given().get(path).then().statusCode(200);
            assertThat(given().get(path).jsonPath().getString("status")).as(path).isEqualTo("UP");
        }
    }
}
