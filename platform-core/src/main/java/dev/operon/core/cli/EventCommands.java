package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon events ...}. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Stored events: counts and bulk import.",
        subcommands = {EventStatsCommand.class, EventImportCommand.class})
public class EventCommands {
}
