package dev.operon.core.profiles;

import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * {@code core.profiles-update}: resolves the identities, traits and consent of the events received since the last
 * run and recomputes the features of the profiles they (or the sliding windows) changed; {@code full} reprocesses
 * every event and recomputes every profile. Registered on the first start with a schedule (every 5 minutes by
 * default, {@code operon.core.profiles.update-every-seconds}).
 */
@ApplicationScoped
public class ProfilesUpdateTask implements TaskType<ProfilesUpdateTask.Input, ProfileUpdater.Result> {

    public static final String ID = "core.profiles-update";

    @Inject
    ProfileUpdater updater;

    /** @param full reprocess every event and recompute every profile (default false: only what changed) */
    public record Input(boolean full) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Update profiles";
    }

    @Override
    public String description() {
        return "Resolves identities, traits and consent from new events and recomputes the features they change.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<ProfileUpdater.Result> outputType() {
        return ProfileUpdater.Result.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withConcurrency(Concurrency.SKIP).withTimeout(Duration.ofHours(2));
    }

    @Override
    public ProfileUpdater.Result run(TaskContext context, Input input) {
        ProfileUpdater.Result result = updater.update(input != null && input.full(),
                message -> context.progress(message.startsWith("computing") ? 80 : 20, message), context::isCancelled);
        context.log().info("profiles updated: " + result.events() + " events, " + result.featuresComputed()
                + " profiles computed in " + result.millis() + " ms");
        return result;
    }
}
