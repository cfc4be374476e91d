package dev.operon.core.cli;

import dev.operon.core.security.ApiKeyService;
import dev.operon.core.security.ApiKeyView;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operon keys revoke KEYID}. */
@Leaf
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke an API key: it is refused from now on. Revoking a revoked key changes nothing.")
public class KeyRevokeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KEYID", description = "The key id (the part after 'opk_', as 'operon keys list' shows).")
    String keyId;

    @Spec
    CommandSpec spec;

    @Inject
    ApiKeyService keys;

    @Override
    public Integer call() {
        ApiKeyView key = keys.revoke(keyId, CliActor.current(), null);
        spec.commandLine().getOut().printf("Revoked API key %s '%s'.%n", key.keyId(), key.name());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
