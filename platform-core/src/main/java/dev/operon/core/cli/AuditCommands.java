package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon audit ...}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log: verify, export.",
        subcommands = {AuditVerifyCommand.class, AuditExportCommand.class})
public class AuditCommands {
}
