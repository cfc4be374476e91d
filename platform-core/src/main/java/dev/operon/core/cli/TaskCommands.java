package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon task ...}. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Task definitions: list, show, run.", subcommands = {})
public class TaskCommands {
}
