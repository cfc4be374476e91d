package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon operator ...}. */
@Command(name = "operator", mixinStandardHelpOptions = true, description = "Operator accounts: create.",
        subcommands = {OperatorCreateCommand.class})
public class OperatorCommands {
}
