package dev.operon.plugins.cs.conversations;

import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import java.util.Optional;

/** {@code cs.reply-delivery}, every minute by default: retries the replies whose delivery is still pending. */
public final class ReplyDeliveryTask implements TaskType<ReplyDeliveryTask.Input, ReplyDelivery.Pass> {

    /** At most {@code limit} replies a run (default 500). */
    public record Input(Integer limit) {
    }

    @Override
    public String id() {
        return "cs.reply-delivery";
    }

    @Override
    public String title() {
        return "Customer service: deliver pending replies";
    }

    @Override
    public String description() {
        return "Sends the replies to customers whose delivery through the reply channel has not succeeded yet; a reply"
                + " refused for good, or failing " + ReplyDelivery.MAX_ATTEMPTS + " times, is marked failed.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<ReplyDelivery.Pass> outputType() {
        return ReplyDelivery.Pass.class;
    }

    @Override
    public Optional<String> defaultCron() {
        return Optional.of("30 * * * * ?");
    }

    @Override
    public ReplyDelivery.Pass run(TaskContext context, Input input) throws Exception {
        int limit = input == null || input.limit() == null ? 500 : input.limit();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        ReplyDelivery.Pass pass = ReplyDelivery.retryPending(context, limit);
        if (pass.delivered() + pass.stillPending() + pass.failed() > 0) {
            context.log().info("replies: " + pass.delivered() + " delivered, " + pass.stillPending()
                    + " still pending, " + pass.failed() + " failed");
        }
        return pass;
    }
}
