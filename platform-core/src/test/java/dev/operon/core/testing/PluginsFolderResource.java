package dev.operon.core.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An empty plugins folder of its own for the test application ({@code operon.core.plugins.dir}): tests drop jars
 * into it and ask for a rescan, so that one application start serves every test.
 */
public class PluginsFolderResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path folder = Files.createTempDirectory("operon-test-plugins");
            return Map.of("operon.core.plugins.dir", folder.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the test plugins folder", e);
        }
    }

    @Override
    public void stop() {
        // the folder is temporary; jars left in it by a failed test help to see why
    }
}
