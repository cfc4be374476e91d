package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon sources ...}. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "Event sources and their write keys: create, list, disable.",
        subcommands = {SourceCreateCommand.class, SourceListCommand.class, SourceDisableCommand.class})
public class SourceCommands {
}
