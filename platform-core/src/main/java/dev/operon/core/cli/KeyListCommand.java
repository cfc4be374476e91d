package dev.operon.core.cli;

import dev.operon.core.security.ApiKeyService;
import dev.operon.core.security.ApiKeyView;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code operon keys list}: a table of every key, revoked ones included. */
@Leaf
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List API keys: id, name, scopes, created, last used, revoked (times in UTC).")
public class KeyListCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Inject
    ApiKeyService keys;

    @Override
    public Integer call() {
        Table table = new Table("KEY ID", "NAME", "SCOPES", "CREATED", "LAST USED", "REVOKED");
        for (ApiKeyView key : keys.list()) {
            table.row(key.keyId(), key.name(), String.join(",", key.scopes()), time(key.createdAt()),
                    time(key.lastUsedAt()), time(key.revokedAt()));
        }
        table.print(spec.commandLine().getOut());
        return 0;
    }

    private static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }
}
