package dev.operon.core.cli;

import dev.operon.core.security.ApiKeyService;
import dev.operon.core.security.CreatedApiKey;
import dev.operon.core.security.NewApiKey;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operon keys create}: the key goes alone to standard output, everything else to standard error. */
@Leaf
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create an API key; the key is printed once, alone on standard output.",
        footer = {"", "Only the key goes to standard output (KEY=$(operon keys create ...) works); it cannot be shown",
                "again. Messages go to standard error."})
public class KeyCreateCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "What the key is for, for example 'ci' or 'web shop'.")
    String name;

    @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
            description = "ingest, read, operate or admin; repeat or separate with commas.")
    List<String> scopes;

    @Spec
    CommandSpec spec;

    @Inject
    ApiKeyService keys;

    @Override
    public Integer call() {
        CreatedApiKey created = keys.create(new NewApiKey(name, scopes), CliActor.current(), null);
        spec.commandLine().getErr().printf("Created API key %s '%s' with scopes %s.%n", created.keyId(),
                created.name(), String.join(", ", created.scopes()));
        spec.commandLine().getErr().println("Store the key now: it is shown only this once.");
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().println(created.key());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
