package dev.operon.core.cli;

import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditExporter;
import dev.operon.core.audit.AuditFilter;
import dev.operon.core.audit.AuditFilterParams;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operon audit export}: the audit log as JSON Lines, to stdout or a file. */
@Leaf
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write audit records as JSON Lines (one record per line, every stored field including the"
                + " hashes), oldest first.", "Writes to stdout unless --output is given."})
public class AuditExportCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "FILE", description = "Write to this file (replaced when complete).")
    Path output;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Records at or after this ISO-8601 time (2025-03-01T09:30:00Z) or UTC date (2025-03-01).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Records before this time or date.")
    String to;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "Only this action, or a prefix ending with '.' or '*' (task.).")
    String action;

    @Spec
    CommandSpec spec;

    @Inject
    AuditExporter exporter;

    @Override
    public Integer call() throws IOException {
        AuditFilterParams params = new AuditFilterParams();
        params.from = from;
        params.to = to;
        params.action = action;
        AuditFilter filter = params.toFilter();
        Actor actor = Actor.cli(System.getProperty("user.name", "unknown"));
        if (output == null) {
            Writer out = spec.commandLine().getOut();
            exporter.export(filter, out, actor, null);
            return 0;
        }
        Path absolute = output.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        long written;
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            written = exporter.export(filter, out, actor, null);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
        spec.commandLine().getErr().println("exported " + written + " audit records to " + absolute);
        return 0;
    }
}
