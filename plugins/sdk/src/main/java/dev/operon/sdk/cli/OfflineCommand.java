package dev.operon.sdk.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command line tool a plugin offers, run as {@code operon <plugin-id> <name> [args...]} without a server or a
 * database: it reads files, computes, writes files. Offline commands are stable contracts that scripts and
 * external evaluations call, so keep names, options and file formats unchanged across versions.
 *
 * <p>Exit codes follow the platform's: 0 done, 1 the operation failed, 2 bad usage or bad input (say which file,
 * line and column), 5 an unexpected error.
 */
public interface OfflineCommand {

    /** The command's name, kebab-case. */
    String name();

    /** One line shown in {@code operon <plugin-id> --help}. */
    String description();

    /** The usage text shown with {@code --help} and after a usage error. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @param out  results and progress meant for the user
     * @param err  error messages
     * @return the exit code
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
