package dev.operon.core.cli;

import dev.operon.core.config.DataDir;
import dev.operon.core.db.EmbeddedDatabase;
import dev.operon.core.demo.DemoFolder;
import dev.operon.core.models.DjlSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * What happens before Quarkus boots: parse the command line (usage errors and help never boot anything), check the
 * data folder and the HTTP port, start or adopt the embedded PostgreSQL, and choose server or CLI settings.
 */
final class Launcher {

    /** Set by Quarkus's build when it runs the application to create the AppCDS archive. */
    static final String APPCDS_GENERATION = "quarkus.appcds.generate";

    private final PrintStream err;

    Launcher(PrintStream err) {
        this.err = err;
    }

    /** Returns an exit code to stop with, or -1 to boot the application. */
    int prepare(String[] args) {
        if (Boolean.getBoolean(APPCDS_GENERATION)) {
            // The build's AppCDS step runs the packaged jar without arguments only to record the classes it loads;
            // Quarkus stops before runtime init, so there is no command to parse and no database to start.
            return -1;
        }
        DjlSettings.apply();
        if (ServeCommand.isServe(args)) {
            return prepareServe(args);
        }
        CommandLine cli = new CommandLine(new OperonCommand());
        OfflineCommands offline = new OfflineCommands(System.out, err);
        if (args.length > 0 && !cli.getSubcommands().containsKey(args[0])) {
            int code = offline.dispatch(args); // a plugin's offline command: nothing else starts
            if (code >= 0) {
                return code;
            }
        }
        offline.addHelpSection(cli);
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("operon: " + e.getMessage());
            err.println("Try './operon " + commandPath(e.getCommandLine()) + " --help'.");
            return 2;
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (!leaf.commandSpec().userObject().getClass().isAnnotationPresent(Leaf.class)) {
            leaf.commandSpec().commandLine().usage(err);
            return 2;
        }
        if (leaf.commandSpec().userObject() instanceof DemoRemoveCommand remove) {
            return remove.remove(System.out, err); // no database, no platform: the real workspace stays closed
        }
        boolean serve = parsed.hasSubcommand() && "serve".equals(parsed.subcommand().commandSpec().name());
        boolean demo = serve && parsed.subcommand().hasMatchedOption("--demo");
        return boot(serve, demo);
    }

    /**
     * {@code operon serve}: parsed with the serve command's model alone, so that the embedded database starts
     * without waiting for the whole command tree to be reflected (about half a second of a cold JVM's time).
     */
    private int prepareServe(String[] args) {
        CommandLine serve = new CommandLine(new ServeCommand());
        serve.setCommandName("operon serve");
        CommandLine.ParseResult parsed;
        try {
            parsed = serve.parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        } catch (CommandLine.ParameterException e) {
            err.println("operon: " + e.getMessage());
            err.println("Try './operon serve --help'.");
            return 2;
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        boolean demo = parsed.hasMatchedOption("--demo");
        return boot(true, demo);
    }

    private int boot(boolean serve, boolean demo) {
        if (demo) {
            Path demoDir = DemoFolder.of(DataDir.resolve());
            System.setProperty("operon.data-dir", demoDir.toString());
            System.setProperty("operon.core.demo.enabled", "true");
            err.println("operon: demo workspace in " + demoDir + " (remove it with ./operon demo remove)");
        }
        try {
            if (serve) {
                checkRoles();
                checkPort();
            }
            configureDatabase(serve, demo);
        } catch (StartupException e) {
            err.println("operon: " + e.getMessage());
            return 2;
        }
        if (!serve) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.scheduler.start-mode", "halted");
            System.setProperty("quarkus.log.level", "WARN");
            // stdout carries command output (audit export writes JSON Lines there): keep log lines out of it
            System.setProperty("quarkus.log.console.stderr", "true");
            System.setProperty("operon.core.node.cli", "true");
        }
        return -1;
    }

    private static String commandPath(CommandLine command) {
        String path = command.getCommandSpec().qualifiedName(" ");
        return path.startsWith("operon ") ? path.substring(7) : "";
    }

    /** Refuses an unknown node role before anything starts, in one line (ADR 0013). */
    private void checkRoles() throws StartupException {
        String roles = System.getProperty("operon.core.node.roles", System.getenv().getOrDefault(
                "OPERON_CORE_NODE_ROLES", System.getenv().getOrDefault("OPERON_NODE_ROLES",
                        dev.operon.core.cluster.NodeRoles.DEFAULT)));
        try {
            dev.operon.core.cluster.NodeRoles.parse(roles);
        } catch (dev.operon.core.cluster.NodeRoles.InvalidRoles e) {
            throw new StartupException(e.getMessage());
        }
    }

    private void checkPort() throws StartupException {
        String portText = System.getProperty("quarkus.http.port", System.getenv().getOrDefault("OPERON_HTTP_PORT",
                System.getenv().getOrDefault("QUARKUS_HTTP_PORT", "8080")));
        String host = System.getProperty("quarkus.http.host", System.getenv().getOrDefault("OPERON_HTTP_HOST",
                "0.0.0.0"));
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new StartupException("HTTP port '" + portText + "' is not a number (OPERON_HTTP_PORT)");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); stop what uses it or set OPERON_HTTP_PORT");
        }
    }

    private void configureDatabase(boolean serve, boolean demo) throws StartupException {
        String url = System.getenv("OPERON_DB_URL");
        // a demo always runs on its own embedded database, never on the server OPERON_DB_URL names
        if (!demo && url != null && !url.isBlank()) {
            return;
        }
        Path dataDir = DataDir.resolve();
        try {
            DataDir.prepare(dataDir);
        } catch (DataDir.UnusableException e) {
            throw new StartupException(e.getMessage());
        }
        // A server already running on the folder is adopted at once; otherwise PostgreSQL starts on a background
        // thread while Quarkus boots (the port is chosen now, and connections wait until it accepts them). If that
        // start fails, the process ends with the same one line as a failure here.
        String where = "cannot start the embedded PostgreSQL in " + dataDir.resolve("postgres") + ": ";
        EmbeddedDatabase.Starting database;
        try {
            database = EmbeddedDatabase.startOrAdoptInBackground(dataDir, failure -> {
                err.println("operon: " + where + rootMessage(failure));
                err.flush();
                Runtime.getRuntime().halt(2);
            });
        } catch (IOException | RuntimeException e) {
            throw new StartupException(where + rootMessage(e));
        }
        System.setProperty("operon.db.url", database.jdbcUrl());
        System.setProperty("operon.db.user", EmbeddedDatabase.USER);
        System.setProperty("operon.db.password", "");
        // A server stops the database it runs on, even one it adopted from a crashed predecessor; a CLI call
        // stops only a database it started itself, never the one a running server uses.
        if (!database.adopted() || serve) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // JVM hooks run concurrently: let a serving node's drain hand its runs back first (ADR 0013)
                dev.operon.core.cluster.DrainBarrier.await(java.time.Duration.ofSeconds(90));
                ServerLifecycle.awaitStopped(java.time.Duration.ofSeconds(20));
                database.stop(serve);
            }, "operon-embedded-postgres-stop"));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }
    }
}
