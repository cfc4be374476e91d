package dev.operon.plugins.behaviour.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of an offline command: {@code --name value}, {@code --name=value} and bare {@code --flag}s, checked
 * against the names the command knows. Mistakes are {@link UsageException}s (exit code 2).
 */
final class CommandArgs {

    private final Map<String, String> values = new HashMap<>();

    private CommandArgs() {
    }

    /**
     * @param options names that take a value
     * @param flags   names that take none
     */
    static CommandArgs parse(List<String> args, Set<String> options, Set<String> flags) throws UsageException {
        CommandArgs parsed = new CommandArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                parsed.values.put(name, "true");
                continue;
            }
            if (!options.contains(name)) {
                throw new UsageException("unknown option '--" + name + "'");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (parsed.values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return parsed;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    Path path(String name) throws UsageException {
        return Path.of(require(name));
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }

    double number(String name, double fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new UsageException("--" + name + " must be a positive number");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not '" + value + "'");
        }
    }
}
