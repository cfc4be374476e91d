package dev.operon.core.cli;

import picocli.CommandLine.Command;

/** {@code operon profiles ...}. */
@Command(name = "profiles", mixinStandardHelpOptions = true, description = "End-user profiles: update, show.",
        subcommands = {ProfileUpdateCommand.class, ProfileShowCommand.class})
public class ProfileCommands {
}
