package dev.operon.core.console;

/** Which request paths belong to the console (everything but the API, ingestion and Quarkus' own endpoints). */
final class ConsolePaths {

    private ConsolePaths() {
    }

    static boolean isConsole(String path) {
        if (path == null) {
            return false;
        }
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/v1/") || path.startsWith("/q/")
                || path.equals("/q"));
    }

    /** A same-site path to return to after sign-in, or {@code /} for anything else (no open redirects). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.contains("\r") || next.contains("\n") || !isConsole(next) || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }
}
