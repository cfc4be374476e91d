package dev.operon.plugins.notify.admin;

import dev.operon.plugins.notify.webhook.WebhookChannel;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code test}: an admin sends one test message through any active channel (this plugin's or another's) to a
 * recipient and sees what the far end answered. Audited with the outcome; a webhook URL is shown without its path
 * and query, where bots keep their tokens.
 */
public final class SendTestMessage implements Operation<SendTestMessage.Input, SendTestMessage.Result> {

    /**
     * @param channel   channel id, such as {@code notify.email}
     * @param recipient e-mail address, webhook URL, ... in the channel's terms
     * @param subject   optional; a default names the test
     * @param text      optional; a default says who sent it
     * @param format    for webhooks: json, slack, feishu or dingtalk (else the configured one)
     */
    public record Input(@NotBlank String channel, @NotBlank @Size(max = 2000) String recipient,
                        @Size(max = 200) String subject, @Size(max = 4000) String text, String format) {
    }

    /**
     * @param outcome {@code delivered}, {@code rejected} (permanent: retrying will not help) or {@code failed} (may
     *                pass later)
     * @param detail  the far end's answer or the failure
     */
    public record Result(String channel, String recipient, String outcome, String detail) {
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String title() {
        return "Send a test message";
    }

    @Override
    public String description() {
        return "Sends one test message through a channel to a recipient and shows the far end's answer.";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public Role role() {
        return Role.ADMIN;
    }

    /** A webhook URL may carry its token: the audit record gets the redacted result instead of the input. */
    @Override
    public boolean auditsInput() {
        return false;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Result> outputType() {
        return Result.class;
    }

    @Override
    public Result call(OperationContext context, Input input) throws InterruptedException {
        Channel channel = context.channels().find(input.channel().trim())
                .orElseThrow(() -> OperationException.notFound("no active channel '" + input.channel() + "'; active: "
                        + context.channels().list().stream().map(Channel::id).toList()));
        Map<String, String> headers = new HashMap<>();
        if (input.format() != null && !input.format().isBlank()) {
            headers.put(WebhookChannel.FORMAT_HEADER, input.format().trim());
        }
        String subject = input.subject() == null || input.subject().isBlank() ? "Operon test message"
                : input.subject();
        String text = input.text() == null || input.text().isBlank()
                ? "A test message sent by " + context.actor() + " through " + channel.id() + "." : input.text();
        Message message = new Message(input.recipient().trim(), subject, text, null, headers,
                "operon-test-" + context.requestId());
        String outcome;
        String detail;
        try {
            Delivery delivery = channel.send(message);
            outcome = delivery.delivered() ? "delivered" : delivery.permanent() ? "rejected" : "failed";
            detail = delivery.detail();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            outcome = "failed";
            detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Result result = new Result(channel.id(), shown(input.recipient().trim()), outcome, detail);
        context.audit(null, result);
        context.metrics().increment("test.messages", 1, "channel", channel.id(), "outcome", outcome);
        return result;
    }

    private static String shown(String recipient) {
        if (!recipient.contains("://")) {
            return recipient;
        }
        try {
            return WebhookChannel.redact(new URI(recipient));
        } catch (java.net.URISyntaxException e) {
            return "(not a URL)";
        }
    }
}
