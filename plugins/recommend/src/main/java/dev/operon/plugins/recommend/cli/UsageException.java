package dev.operon.plugins.recommend.cli;

/** Bad arguments or bad input: exit code 2, the message says what and where. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
