package dev.operon.core.cli;

import dev.operon.core.api.ApiException;
import dev.operon.core.security.NewOperator;
import dev.operon.core.security.OperatorService;
import dev.operon.core.security.OperatorView;
import dev.operon.core.security.PasswordPolicy;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code operon operator create}: the password comes from standard input, or is generated and printed alone on the
 * last line of standard output. A password is never a command-line argument (it would show in the process list).
 */
@Leaf
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an operator account.",
                "Without --password-stdin a strong password is generated and printed once, alone on the last line",
                "of standard output."})
public class OperatorCreateCommand implements Callable<Integer> {

    @Option(names = "--username", required = true, description = "Lower-case letters, digits, '.', '_', '-'.")
    String username;

    @Option(names = "--role", required = true, description = "viewer, operator or admin.")
    String role;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Spec
    CommandSpec spec;

    @Inject
    OperatorService operators;

    @Override
    public Integer call() throws IOException {
        String password = passwordStdin ? readPassword() : PasswordPolicy.generate();
        OperatorView created = operators.create(new NewOperator(username, password, role), CliActor.current(), null);
        spec.commandLine().getErr().printf("Created operator '%s' with role %s.%n", created.username(),
                created.role());
        if (!passwordStdin) {
            spec.commandLine().getErr().println("Its generated password follows; it is shown only this once.");
            spec.commandLine().getErr().flush();
            spec.commandLine().getOut().println(password);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private String readPassword() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || line.isEmpty()) {
            throw ApiException.invalid("password", "expected on the first line of standard input");
        }
        return line;
    }
}
