package dev.operon.plugins.behaviour.cli;

/** The command line itself is wrong (unknown or missing option): exit code 2 and the usage text. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
