package dev.operon.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.ingest.EventReader;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code operon events stats}: one JSON line. */
@Leaf
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print one JSON line: {\"events\": N, \"users\": M, ...}.",
        footer = {"", "users counts distinct user ids plus anonymous ids never seen on an event with a user id."})
public class EventStatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    EventReader reader;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws JsonProcessingException {
        spec.commandLine().getOut().println(json.writeValueAsString(reader.stats()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
