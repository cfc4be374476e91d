package dev.operon.core.cli;

import dev.operon.core.profiles.ProfileQueries;
import dev.operon.core.profiles.ProfileReader;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operon profiles show ID}: a profile as JSON, found by profile id, user id or anonymous id. */
@Leaf
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a profile (identities, traits, features, consent, scores) as JSON.")
public class ProfileShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "A user id or anonymous id; with --profile-id, a profile id.")
    String id;

    @picocli.CommandLine.Option(names = "--profile-id", description = "ID is a profile id.")
    boolean byProfileId;

    @Spec
    CommandSpec spec;

    @Inject
    ProfileReader reader;

    @Inject
    ProfileQueries queries;

    @Override
    public Integer call() {
        Optional<Long> profile;
        if (byProfileId) {
            try {
                profile = reader.live(Long.parseLong(id));
            } catch (NumberFormatException e) {
                spec.commandLine().getErr().println("operon: a profile id is a number");
                return CliErrors.USAGE;
            }
        } else {
            profile = reader.resolve(id);
        }
        if (profile.isEmpty()) {
            spec.commandLine().getErr().println("operon: no profile is known by '" + id + "'");
            return CliErrors.NOT_FOUND;
        }
        spec.commandLine().getOut().println(Json.pretty(queries.detail(profile.get())));
        return 0;
    }
}
