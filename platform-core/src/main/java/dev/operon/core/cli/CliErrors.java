package dev.operon.core.cli;

import dev.operon.core.api.ApiException;

/** Readable messages and script-safe exit codes for errors that reach the command line. */
final class CliErrors {

    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int CONFLICT = 4;
    static final int PLATFORM = 5;

    private CliErrors() {
    }

    static String describe(Throwable e) {
        if (e instanceof ApiException api) {
            StringBuilder text = new StringBuilder(api.getMessage());
            if (api.errors() != null && api.errors().size() > 1) {
                api.errors().forEach(f -> text.append("\n  ").append(f.field()).append(": ").append(f.message()));
            }
            return text.toString();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static int exitCode(Throwable e) {
        if (e instanceof ApiException api) {
            return switch (api.status()) {
                case 404 -> NOT_FOUND;
                case 409 -> CONFLICT;
                case 400, 413, 422 -> USAGE;
                default -> PLATFORM;
            };
        }
        return PLATFORM;
    }
}
