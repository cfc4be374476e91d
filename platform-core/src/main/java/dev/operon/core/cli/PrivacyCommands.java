package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon privacy ...}. */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Privacy requests about one end user: export, erase, retry.",
        subcommands = {PrivacyExportCommand.class, PrivacyEraseCommand.class, PrivacyRetryCommand.class})
public class PrivacyCommands {
}
