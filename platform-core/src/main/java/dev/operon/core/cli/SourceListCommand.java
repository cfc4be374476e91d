package dev.operon.core.cli;

import dev.operon.core.ingest.SourceService;
import dev.operon.core.ingest.SourceView;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code operon sources list}: a table of every source, disabled ones included. */
@Leaf
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List event sources: id, name, key hint, created, last used, disabled (times in UTC).")
public class SourceListCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Inject
    SourceService sources;

    @Override
    public Integer call() {
        Table table = new Table("ID", "NAME", "KEY", "CREATED", "LAST USED", "DISABLED");
        for (SourceView source : sources.list()) {
            table.row(source.id(), source.name(), source.keyHint(), time(source.createdAt()),
                    time(source.lastUsedAt()), time(source.disabledAt()));
        }
        table.print(spec.commandLine().getOut());
        return 0;
    }

    private static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }
}
