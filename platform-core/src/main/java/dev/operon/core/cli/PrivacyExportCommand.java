package dev.operon.core.cli;

import dev.operon.core.privacy.PrivacyService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operon privacy export --id X}: everything about one end user as JSON. */
@Leaf
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export everything stored about one end user (core and plugins) as JSON.")
public class PrivacyExportCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, description = "The person's user id or anonymous id.")
    String id;

    @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Inject
    PrivacyService privacy;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> export = privacy.export(id, CliActor.current());
        String json = Json.pretty(export);
        if (output != null) {
            Files.writeString(output, json + System.lineSeparator());
            spec.commandLine().getErr().println("Wrote " + output);
        } else {
            spec.commandLine().getOut().println(json);
        }
        return 0;
    }
}
