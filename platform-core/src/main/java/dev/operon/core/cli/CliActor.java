package dev.operon.core.cli;

import dev.operon.core.audit.Actor;

/** The actor of CLI actions: the operating-system user who ran the command. */
final class CliActor {

    private CliActor() {
    }

    static Actor current() {
        String user = System.getProperty("user.name");
        return Actor.cli(user == null || user.isBlank() ? "unknown" : user);
    }
}
