package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon keys ...}. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "API keys: create, list, revoke.",
        subcommands = {KeyCreateCommand.class, KeyListCommand.class, KeyRevokeCommand.class})
public class KeyCommands {
}
