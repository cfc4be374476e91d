package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon}: the platform's command line. */
@Command(name = "operon", mixinStandardHelpOptions = true, version = "Operon 0.1.0",
        description = "Operations automation for product teams.",
        subcommands = {ServeCommand.class, TaskCommands.class, RunCommands.class, AuditCommands.class,
                KeyCommands.class, OperatorCommands.class, SourceCommands.class, EventCommands.class,
                ProfileCommands.class, PrivacyCommands.class, DemoCommands.class},
        footer = {"", "Exit codes: 0 ok, 1 the check or operation failed, 2 bad usage or input, 3 not found,",
                "4 conflict, 5 platform error.",
                "Environment: OPERON_DATA_DIR (default ~/.operon), OPERON_DB_URL/OPERON_DB_USER/OPERON_DB_PASSWORD,",
                "OPERON_HTTP_PORT (default 8080), OPERON_ADMIN_PASSWORD."})
public class OperonCommand {
}
