package dev.operon.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A third party's plugin installed the way an operator would: its jar dropped into the plugins folder of a running
 * platform, a rescan, then its training task run through the task engine, its model registered and promoted by the
 * model lifecycle, and its {@code classify} operation answered through the generic operation endpoint.
 */
class ExamplePluginInstallIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void droppedJarIsLoadedTrainedAndServed() throws Exception {
        Path jar = Path.of(System.getProperty("operon.example-plugin.jar", "missing"));
        assertThat(jar).as("build plugins/examples/image-classifier first (./mvnw verify from the root)").exists();
        Path work = Files.createTempDirectory("operon-plugin-it");
        Path images = writeShapes(work.resolve("images"), 90);
        Path dataDir = work.resolve("data");
        try (PlatformProcess platform = new PlatformProcess(dataDir)) {
            platform.start();
            Files.createDirectories(dataDir.resolve("plugins"));
            Files.copy(jar, dataDir.resolve("plugins/image-classifier.jar"), StandardCopyOption.REPLACE_EXISTING);
            HttpResponse<String> rescan = platform.post("/api/v1/plugins/rescan", "{}");
            assertThat(rescan.statusCode()).as(rescan.body()).isEqualTo(200);
            JsonNode plugin = json.readTree(platform.get("/api/v1/plugins/image-classifier").body());
            assertThat(plugin.path("status").asText()).as(plugin.toString()).isEqualTo("active");

            String trainBody = json.writeValueAsString(Map.of("type", "image-classifier.train",
                    "params", Map.of("folder", images.toString(), "epochs", 6, "imageSize", 32)));
            HttpResponse<String> created = platform.post("/api/v1/runs", trainBody);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long runId = json.readTree(created.body()).get("id").asLong();
            JsonNode run = awaitEnd(platform, runId);
            assertThat(run.path("state").asText()).as(run.toString() + "\n" + platform.log()).isEqualTo("succeeded");
            JsonNode points = json.readTree(platform.get("/api/v1/runs/" + runId + "/metrics").body());
            assertThat(points.size()).as("per-epoch loss and accuracy points").isGreaterThanOrEqualTo(6);

            JsonNode versions = json.readTree(platform.get("/api/v1/models/image-classifier.cnn/versions").body());
            assertThat(versions.toString()).contains("champion");

            String circle = Base64.getEncoder().encodeToString(png(drawShape("circle", new Random(99))));
            HttpResponse<String> answer = platform.post("/api/v1/plugins/image-classifier/operations/classify",
                    json.writeValueAsString(Map.of("image", circle)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("circle");
        }
    }

    private JsonNode awaitEnd(PlatformProcess platform, long runId) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(300);
        JsonNode run = null;
        while (Instant.now().isBefore(giveUp)) {
            run = json.readTree(platform.get("/api/v1/runs/" + runId).body());
            String state = run.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("training run did not end within 300 s: " + run);
    }

    /** Two classes of 32×32 shapes, dark on light, at random places and sizes. */
    private static Path writeShapes(Path folder, int perClass) throws IOException {
        Random random = new Random(7);
        for (String shape : new String[] {"circle", "square"}) {
            Path classFolder = Files.createDirectories(folder.resolve(shape));
            for (int i = 0; i < perClass; i++) {
                Files.write(classFolder.resolve(shape + "-" + i + ".png"), png(drawShape(shape, random)));
            }
        }
        return folder;
    }

    private static BufferedImage drawShape(String shape, Random random) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200 + random.nextInt(56), 200 + random.nextInt(56), 200 + random.nextInt(56)));
        g.fillRect(0, 0, 32, 32);
        g.setColor(new Color(random.nextInt(90), random.nextInt(90), random.nextInt(90)));
        int size = 12 + random.nextInt(10);
        int x = random.nextInt(32 - size);
        int y = random.nextInt(32 - size);
        if (shape.equals("circle")) {
            g.fillOval(x, y, size, size);
        } else {
            g.fillRect(x, y, size, size);
        }
        g.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
