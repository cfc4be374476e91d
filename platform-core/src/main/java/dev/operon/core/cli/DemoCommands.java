package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon demo ...}: the demo workspace that {@code operon serve --demo} runs on. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The demo workspace of 'operon serve --demo' (its own data folder, <data-dir>/demo): remove.",
        subcommands = {DemoRemoveCommand.class})
public class DemoCommands {
}
