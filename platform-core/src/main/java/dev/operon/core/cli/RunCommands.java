package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon run ...}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs: show, logs, cancel.", subcommands = {})
public class RunCommands {
}
