package dev.operon.core.db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server settings of the embedded PostgreSQL: the platform's defaults, overridden by {@code OPERON_DB_SETTINGS}
 * ({@code name=value,name=value}, for example {@code shared_buffers=1GB,max_wal_size=8GB}). They are passed on the
 * server's command line at every start, so a change takes effect at the next start and nothing is written into the
 * data folder.
 */
final class ServerSettings {

    static final String ENV = "OPERON_DB_SETTINGS";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    private ServerSettings() {
    }

    /** Thrown for a malformed {@code OPERON_DB_SETTINGS}: its message names the offending entry. */
    static final class InvalidException extends IllegalArgumentException {
        InvalidException(String message) {
            super(message);
        }
    }

    /** The defaults followed by the overrides of {@code spec} (blank or null: none), in that order. */
    static Map<String, String> resolve(String spec) {
        Map<String, String> settings = new LinkedHashMap<>(defaults());
        settings.putAll(parse(spec));
        return settings;
    }

    static Map<String, String> defaults() {
        Map<String, String> settings = new LinkedHashMap<>();
        // the library's default is off (it is meant for tests): a commit the platform acknowledged, such as an
        // accepted event batch, must survive a crash of the database server too
        settings.put("synchronous_commit", "on");
        settings.put("max_connections", "300");
        settings.put("listen_addresses", "localhost");
        return settings;
    }

    static Map<String, String> parse(String spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return settings;
        }
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || equals == trimmed.length() - 1) {
                throw new InvalidException(ENV + ": '" + trimmed + "' is not name=value");
            }
            String name = trimmed.substring(0, equals).trim().toLowerCase(java.util.Locale.ROOT);
            String value = trimmed.substring(equals + 1).trim();
            if (!NAME.matcher(name).matches()) {
                throw new InvalidException(ENV + ": '" + name + "' is not a PostgreSQL setting name");
            }
            if (value.isEmpty() || value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\'')) {
                throw new InvalidException(ENV + ": the value of '" + name + "' is empty or holds a quote or a control character");
            }
            settings.put(name, value);
        }
        return settings;
    }
}
