package dev.operon.core.cli;

import dev.operon.core.config.DataDir;
import dev.operon.core.plugins.PluginClassLoader;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.cli.OfflineCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Plugins' offline commands ({@code operon <plugin-id> <command> [args...]}), run before anything else starts: no
 * database, no Quarkus, only the plugin's code and DJL. Plugins are found the way the platform finds them, without
 * starting them: {@code META-INF/services} on the classpath, then the jars of the plugins folder, each in its own
 * {@link PluginClassLoader}; the first plugin with an id wins.
 */
final class OfflineCommands {

    private final PrintStream out;
    private final PrintStream err;
    private Map<String, Found> plugins;
    private final List<String> problems = new ArrayList<>();

    OfflineCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** With a fixed set of plugins instead of looking for them (tests). */
    OfflineCommands(PrintStream out, PrintStream err, Map<String, Found> plugins) {
        this(out, err);
        this.plugins = new LinkedHashMap<>(plugins);
    }

    /** A plugin that offers offline commands, with the loader its classes come from. */
    record Found(OperonPlugin plugin, ClassLoader loader, List<OfflineCommand> commands) {
    }

    /**
     * Runs {@code args} when its first word is the id of a plugin with offline commands.
     *
     * @return the exit code, or -1 when no plugin has that id (the caller goes on with the core commands)
     */
    int dispatch(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return -1;
        }
        Found found = plugins().get(args[0]);
        if (found == null) {
            return -1;
        }
        String id = args[0];
        if (args.length == 1 || isHelp(args[1])) {
            PrintStream to = args.length == 1 ? err : out;
            to.println("Usage: operon " + id + " <command> [options]   (offline: no server, no database)");
            to.println();
            to.println("Commands:");
            for (OfflineCommand command : found.commands) {
                to.printf("  %-12s %s%n", command.name(), command.description());
            }
            to.println();
            to.println("'operon " + id + " <command> --help' shows a command's options.");
            return args.length == 1 ? 2 : 0;
        }
        OfflineCommand command = found.commands.stream().filter(c -> c.name().equals(args[1])).findFirst()
                .orElse(null);
        if (command == null) {
            err.println("operon: plugin '" + id + "' has no command '" + args[1] + "'; it has "
                    + found.commands.stream().map(OfflineCommand::name).toList());
            err.println("Try 'operon " + id + " --help'.");
            return 2;
        }
        List<String> rest = List.of(args).subList(2, args.length);
        if (rest.stream().anyMatch(OfflineCommands::isHelp)) {
            out.println(command.usage());
            return 0;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(found.loader);
        try {
            return command.run(rest, out, err);
        } catch (Exception | LinkageError e) {
            err.println("operon " + id + " " + command.name() + ": unexpected error: " + describe(e));
            if (Boolean.parseBoolean(System.getenv("OPERON_DEBUG"))) {
                e.printStackTrace(err);
            } else {
                err.println("(set OPERON_DEBUG=true for the stack trace)");
            }
            return 5;
        } finally {
            out.flush();
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean isHelp(String arg) {
        return "--help".equals(arg) || "-h".equals(arg);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Adds the plugins' commands to {@code operon --help}; plugins are looked for only when help is shown. */
    void addHelpSection(CommandLine cli) {
        String key = "pluginCommands";
        cli.getHelpSectionMap().put(key, help -> {
            List<String> lines = helpLines();
            if (lines.isEmpty()) {
                return "";
            }
            return "%nPlugin commands (offline: no server, no database; 'operon <plugin> <command> --help'):%n"
                    .formatted() + String.join("%n".formatted(), lines) + "%n".formatted();
        });
        List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
        int at = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
        keys.add(at < 0 ? keys.size() : at, key);
        cli.setHelpSectionKeys(keys);
    }

    /** Lines for {@code operon --help}: every plugin command with its description. */
    List<String> helpLines() {
        List<String> lines = new ArrayList<>();
        plugins().forEach((id, found) -> {
            for (OfflineCommand command : found.commands) {
                lines.add(String.format("  %-22s %s", id + " " + command.name(), command.description()));
            }
        });
        return lines;
    }

    /** Plugins with offline commands by id, found once. */
    Map<String, Found> plugins() {
        if (plugins == null) {
            plugins = new LinkedHashMap<>();
            ClassLoader platform = OfflineCommands.class.getClassLoader();
            collect(platform, "the classpath");
            for (Path jar : jars()) {
                collect(new PluginClassLoader(jar, platform), jar.toString());
            }
        }
        return plugins;
    }

    /** Why some plugin could not be looked at (a broken jar), for debugging. */
    List<String> problems() {
        plugins();
        return List.copyOf(problems);
    }

    private void collect(ClassLoader loader, String where) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Iterator<OperonPlugin> providers = ServiceLoader.load(OperonPlugin.class, loader).iterator();
            while (true) {
                OperonPlugin plugin;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    plugin = providers.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    problems.add(where + ": " + describe(e));
                    continue;
                }
                try {
                    String id = plugin.info().id();
                    List<OfflineCommand> commands = plugin.commands();
                    if (!commands.isEmpty() && !plugins.containsKey(id)) {
                        plugins.put(id, new Found(plugin, loader, List.copyOf(commands)));
                    }
                } catch (RuntimeException | LinkageError e) {
                    problems.add(where + ": " + describe(e));
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The plugins folder's jars: {@code operon.core.plugins.dir} (or its environment variable), else the data one. */
    private static List<Path> jars() {
        String configured = System.getProperty("operon.core.plugins.dir", System.getenv("OPERON_CORE_PLUGINS_DIR"));
        Path folder = configured == null || configured.isBlank() ? DataDir.resolve().resolve("plugins")
                : Path.of(configured);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            Path[] found = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .toArray(Path[]::new);
            Arrays.sort(found);
            return List.of(found);
        } catch (IOException e) {
            return List.of();
        }
    }
}
