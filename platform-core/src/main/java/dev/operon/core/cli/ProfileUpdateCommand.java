package dev.operon.core.cli;

import dev.operon.core.profiles.ProfileQueries;
import dev.operon.core.profiles.ProfileReader;
import dev.operon.core.profiles.ProfileUpdater;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operon profiles update}: runs the profile update now, in this process, and prints what it did as JSON. */
@Leaf
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Resolve identities and traits of new events and recompute the features they change.",
        footer = {"", "Prints one JSON object (events read, profiles created, merges, features computed, millis)."})
public class ProfileUpdateCommand implements Callable<Integer> {

    @Option(names = "--full", description = "Reprocess every event and recompute every profile.")
    boolean full;

    @Option(names = "--id", paramLabel = "PROFILE", description = "Only recompute this profile's features.")
    Long profileId;

    @Spec
    CommandSpec spec;

    @Inject
    ProfileUpdater updater;

    @Inject
    ProfileReader reader;

    @Inject
    ProfileQueries queries;

    @Override
    public Integer call() {
        if (profileId != null) {
            long live = reader.live(profileId).orElse(-1L);
            if (live < 0) {
                spec.commandLine().getErr().println("operon: no profile " + profileId);
                return CliErrors.NOT_FOUND;
            }
            updater.updateOne(live);
            spec.commandLine().getOut().println(Json.pretty(queries.detail(live).features()));
            return 0;
        }
        ProfileUpdater.Result result = updater.update(full, message -> {
            spec.commandLine().getErr().println(message);
            spec.commandLine().getErr().flush();
        }, () -> false);
        spec.commandLine().getOut().println(Json.pretty(result));
        return 0;
    }
}
