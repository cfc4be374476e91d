package dev.operon.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests in {@code deploy/} without a cluster: every YAML document parses, Kubernetes objects carry their
 * required fields, selectors match the labels they select, every role has probes on the platform's health
 * endpoints and resources, the gpu role lands on GPU nodes, and every environment variable or property the files
 * set is one the platform actually reads.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Set<String> ROLES = Set.of("api", "scheduler", "worker", "gpu");
    /** Read by DJL or the JVM, not by Operon's configuration (PLATFORM-NOTES.md). */
    private static final Set<String> THIRD_PARTY_ENV = Set.of("DJL_OFFLINE", "OPT_OUT_TRACKING", "DJL_CACHE_DIR",
            "PYTORCH_LIBRARY_PATH", "JAVA_TOOL_OPTIONS");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static List<JsonNode> objects;
    private static Set<String> platformProperties;
    private static String platformSources;

    @BeforeAll
    static void read() throws IOException {
        assertThat(DEPLOY.resolve("README.md")).exists();
        objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    objects.addAll(documents(file));
                }
            }
        }
        platformProperties = new TreeSet<>();
        try (InputStream in = DeployManifestsTest.class.getResourceAsStream("/application.properties")) {
            assertThat(in).as("the platform's application.properties on the test class path").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                // commented-out keys are documented settings too (operon.admin-password, session-key)
                Matcher key = Pattern.compile("^#?\\s*([a-z%][\\w.%\"-]*)\\s*=").matcher(line.trim());
                if (key.find()) {
                    String name = key.group(1);
                    platformProperties.add(name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name);
                }
            }
        }
        StringBuilder sources = new StringBuilder(Files.readString(Path.of("..", "operon")));
        try (Stream<Path> files = Files.walk(Path.of("src", "main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sources.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        platformSources = sources.toString();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = new YAMLFactory().createParser(file.toFile());
             MappingIterator<JsonNode> each = YAML.readValues(parser, JsonNode.class)) {
            while (each.hasNext()) {
                JsonNode document = each.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    ((ObjectNode) document).put("x-file", file.getFileName().toString());
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static JsonNode named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    @Test
    void everyObjectHasApiVersionKindAndName() {
        assertThat(objects).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode object : objects) {
            String where = object.path("x-file").asText();
            assertThat(object.path("apiVersion").asText()).as(where).isNotBlank();
            assertThat(object.path("kind").asText()).as(where).isNotBlank();
            assertThat(object.path("metadata").path("name").asText()).as(where).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndOnlyExistingOnes() throws IOException {
        JsonNode kustomization = YAML.readTree(DEPLOY.resolve("kubernetes/kustomization.yaml").toFile());
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        objects.forEach(o -> present.add(o.path("x-file").asText()));
        assertThat(listed).isEqualTo(present);
    }

    @Test
    void oneDeploymentPerRoleWhoseSelectorMatchesItsPodsAndWhichSetsItsRoles() {
        Set<String> seen = new TreeSet<>();
        for (JsonNode deployment : ofKind("Deployment")) {
            assertThat(deployment.path("apiVersion").asText()).isEqualTo("apps/v1");
            JsonNode spec = deployment.path("spec");
            String name = deployment.path("metadata").path("name").asText();
            Map<String, String> selector = strings(spec.path("selector").path("matchLabels"));
            Map<String, String> podLabels = strings(spec.path("template").path("metadata").path("labels"));
            assertThat(selector).as(name + " selector").isNotEmpty();
            assertThat(podLabels).as(name + " pod labels").containsAllEntriesOf(selector);
            String role = selector.get("app.kubernetes.io/component");
            assertThat(ROLES).as(name).contains(role);
            seen.add(role);
            assertThat(spec.path("replicas").asInt()).as(name).isPositive();

            JsonNode pod = spec.path("template").path("spec");
            assertThat(pod.path("terminationGracePeriodSeconds").asInt())
                    .as(name + ": longer than the 30 s drain plus the 10 s stop grace").isGreaterThanOrEqualTo(40);
            JsonNode container = pod.path("containers").get(0);
            assertThat(container.path("image").asText()).as(name).isNotBlank();
            Map<String, String> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            assertThat(env).as(name).containsKey("OPERON_NODE_ROLES");
            assertThat(env.get("OPERON_NODE_ROLES").split(",")).as(name).contains(role).allMatch(ROLES::contains);
            Set<String> from = new TreeSet<>();
            container.path("envFrom").forEach(e -> from.add(e.findPath("name").asText()));
            assertThat(from).as(name).containsExactlyInAnyOrder("operon-config", "operon-secrets");

            assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/started");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/live");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/ready");
            String port = container.path("ports").get(0).path("name").asText();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asText()).as(name + " " + probe)
                        .isEqualTo(port);
            }
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);

            for (String kind : List.of("requests", "limits")) {
                JsonNode resources = container.path("resources").path(kind);
                assertThat(resources.path("cpu").asText()).as(name + " " + kind).isNotBlank();
                assertThat(resources.path("memory").asText()).as(name + " " + kind).isNotBlank();
            }
        }
        assertThat(seen).isEqualTo(ROLES);
    }

    @Test
    void onlyTheGpuRoleAsksForGpusAndItLandsOnGpuNodes() {
        for (JsonNode deployment : ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode resources = pod.path("containers").get(0).path("resources");
            boolean gpu = deployment.path("metadata").path("name").asText().equals("operon-gpu");
            if (gpu) {
                assertThat(resources.path("limits").path("nvidia.com/gpu").asInt()).isPositive();
                assertThat(pod.path("nodeSelector").isObject() && !pod.path("nodeSelector").isEmpty()).isTrue();
                assertThat(pod.path("tolerations").findValuesAsText("key")).contains("nvidia.com/gpu");
            } else {
                assertThat(resources.path("limits").has("nvidia.com/gpu")).isFalse();
                assertThat(pod.has("nodeSelector")).isFalse();
            }
        }
    }

    @Test
    void theServiceSelectsApiPodsOnTheirNamedPort() {
        JsonNode service = named("Service", "operon-api");
        Map<String, String> selector = strings(service.path("spec").path("selector"));
        JsonNode api = named("Deployment", "operon-api");
        assertThat(strings(api.path("spec").path("template").path("metadata").path("labels")))
                .containsAllEntriesOf(selector);
        for (JsonNode other : ofKind("Deployment")) {
            if (other != api) {
                assertThat(strings(other.path("spec").path("template").path("metadata").path("labels")).entrySet()
                        .containsAll(selector.entrySet()))
                        .as("the Service must not send requests to " + other.path("metadata").path("name")).isFalse();
            }
        }
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
    }

    @Test
    void everyRoleHasADisruptionBudgetSelectingExactlyItsPods() {
        Set<String> covered = new TreeSet<>();
        for (JsonNode budget : ofKind("PodDisruptionBudget")) {
            assertThat(budget.path("apiVersion").asText()).isEqualTo("policy/v1");
            JsonNode spec = budget.path("spec");
            assertThat(spec.has("minAvailable") ^ spec.has("maxUnavailable")).as("one of minAvailable and"
                    + " maxUnavailable").isTrue();
            Map<String, String> selector = strings(spec.path("selector").path("matchLabels"));
            List<String> matched = ofKind("Deployment").stream()
                    .filter(d -> strings(d.path("spec").path("template").path("metadata").path("labels"))
                            .entrySet().containsAll(selector.entrySet()))
                    .map(d -> d.path("metadata").path("name").asText()).toList();
            assertThat(matched).as(budget.path("metadata").path("name").asText()).hasSize(1);
            covered.add(matched.get(0));
            if (spec.has("minAvailable")) {
                assertThat(spec.path("minAvailable").asInt()).as("a budget its deployment can keep")
                        .isLessThan(named("Deployment", matched.get(0)).path("spec").path("replicas").asInt());
            }
        }
        assertThat(covered).hasSize(ROLES.size());
    }

    @Test
    void configMapAndSecretSetOnlyVariablesThePlatformReads() {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(strings(named("ConfigMap", "operon-config").path("data")).keySet());
        names.addAll(strings(named("Secret", "operon-secrets").path("stringData")).keySet());
        for (JsonNode deployment : ofKind("Deployment")) {
            deployment.findValues("env").forEach(env -> env.forEach(e -> names.add(e.path("name").asText())));
        }
        assertThat(names).contains("OPERON_DB_URL", "OPERON_DB_USER", "OPERON_DB_PASSWORD", "OPERON_NODE_ROLES");
        assertThat(unknown(names)).isEmpty();
        assertThat(named("Secret", "operon-secrets").path("stringData").has("OPERON_DB_PASSWORD")).isTrue();
        assertThat(named("ConfigMap", "operon-config").path("data").has("OPERON_DB_PASSWORD"))
                .as("passwords belong in the Secret").isFalse();
    }

    @Test
    void theSystemdUnitHasItsRequiredKeysAndItsEnvFileOnlyKnownVariables() throws IOException {
        Map<String, Map<String, List<String>>> unit = unitFile(DEPLOY.resolve("systemd/operon.service"));
        assertThat(unit.keySet()).containsExactly("Unit", "Service", "Install");
        assertThat(unit.get("Unit")).containsKeys("Description", "After");
        Map<String, List<String>> service = unit.get("Service");
        assertThat(service.get("ExecStart").get(0)).startsWith("/").contains("quarkus-run.jar").endsWith(" serve");
        assertThat(service.get("EnvironmentFile")).containsExactly("/etc/operon/operon.env");
        assertThat(service.get("User")).containsExactly("operon");
        assertThat(service.get("KillSignal")).containsExactly("SIGTERM");
        assertThat(Integer.parseInt(service.get("TimeoutStopSec").get(0))).isGreaterThanOrEqualTo(40);
        assertThat(service.get("SuccessExitStatus").get(0)).contains("143");
        assertThat(service.get("Restart")).containsExactly("on-failure");
        assertThat(unit.get("Install").get("WantedBy")).containsExactly("multi-user.target");

        Map<String, String> env = envFile(DEPLOY.resolve("systemd/operon.env"));
        assertThat(env).containsKeys("OPERON_NODE_ROLES", "OPERON_DB_URL", "OPERON_DATA_DIR");
        assertThat(unknown(env.keySet())).isEmpty();
        assertThat(unknown(envFile(DEPLOY.resolve("config/postgresql.env")).keySet())).isEmpty();
    }

    @Test
    void theSamplePropertiesSetOnlyKeysThePlatformHas() throws IOException {
        Properties sample = new Properties();
        try (InputStream in = Files.newInputStream(DEPLOY.resolve("config/application.properties"))) {
            sample.load(in);
        }
        assertThat(sample).isNotEmpty();
        assertThat(new TreeSet<>(sample.stringPropertyNames())).allSatisfy(key ->
                assertThat(platformProperties).as("property " + key).contains(key));
        // the Kafka sample: the platform's own keys, and the client's settings (kafka.*, passed to it as they are)
        Properties kafka = new Properties();
        try (InputStream in = Files.newInputStream(DEPLOY.resolve("config/kafka.properties"))) {
            kafka.load(in);
        }
        assertThat(kafka).containsEntry("operon.core.ingest.kafka.enabled", "true")
                .containsKey("kafka.bootstrap.servers");
        assertThat(new TreeSet<>(kafka.stringPropertyNames())).allSatisfy(key ->
                assertThat(key.startsWith("kafka.") || platformProperties.contains(key)).as("property " + key)
                        .isTrue());
    }

    /**
     * Names no part of the platform reads: neither a literal in its sources, resources or launcher, nor the
     * environment form of one of its properties (MicroProfile Config: upper case, other characters as '_').
     */
    private static List<String> unknown(Set<String> names) {
        Set<String> fromProperties = new TreeSet<>();
        platformProperties.forEach(p -> fromProperties.add(p.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
        return names.stream().filter(n -> !THIRD_PARTY_ENV.contains(n) && !fromProperties.contains(n)
                && !platformSources.contains(n)).toList();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            assertThat(trimmed).as(file + ": NAME=value").matches("[A-Z_][A-Z0-9_]*=.*");
            env.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
        }
        return env;
    }

    private static Map<String, Map<String, List<String>>> unitFile(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                assertThat(trimmed).endsWith("]");
                current = new LinkedHashMap<>();
                sections.put(trimmed.substring(1, trimmed.length() - 1), current);
            } else {
                assertThat(current).as("a key before any section: " + trimmed).isNotNull();
                assertThat(trimmed).as(file + ": Key=value").matches("[A-Za-z]+=.+");
                current.computeIfAbsent(trimmed.substring(0, trimmed.indexOf('=')), k -> new ArrayList<>())
                        .add(trimmed.substring(trimmed.indexOf('=') + 1));
            }
        }
        return sections;
    }
}
