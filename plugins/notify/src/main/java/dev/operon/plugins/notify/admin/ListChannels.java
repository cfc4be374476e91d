package dev.operon.plugins.notify.admin;

import dev.operon.plugins.notify.email.EmailChannel;
import dev.operon.plugins.notify.webhook.WebhookChannel;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import java.util.List;

/**
 * {@code channels}: every active plugin's delivery channels, with, for this plugin's own, whether the configuration
 * lets them send and how (never a secret).
 */
public final class ListChannels implements Operation<ListChannels.NoInput, List<ListChannels.ChannelStatus>> {

    private final EmailChannel email;
    private final WebhookChannel webhook;

    public ListChannels(EmailChannel email, WebhookChannel webhook) {
        this.email = email;
        this.webhook = webhook;
    }

    /** No parameters. */
    public record NoInput() {
    }

    /**
     * @param ready  whether it can send; null for another plugin's channel (its plugin knows)
     * @param status how it sends or what is missing
     */
    public record ChannelStatus(String id, String title, Boolean ready, String status) {
    }

    @Override
    public String name() {
        return "channels";
    }

    @Override
    public String title() {
        return "Delivery channels";
    }

    @Override
    public Kind kind() {
        return Kind.QUERY;
    }

    @Override
    public Class<NoInput> inputType() {
        return NoInput.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<List<ChannelStatus>> outputType() {
        return (Class) List.class;
    }

    @Override
    public List<ChannelStatus> call(OperationContext context, NoInput input) {
        return context.channels().list().stream().map(this::status).toList();
    }

    private ChannelStatus status(Channel channel) {
        if (channel.id().equals(EmailChannel.ID)) {
            return new ChannelStatus(channel.id(), channel.title(), email.ready(), email.status());
        }
        if (channel.id().equals(WebhookChannel.ID)) {
            String status = webhook.status();
            return new ChannelStatus(channel.id(), channel.title(), status.startsWith("ready"), status);
        }
        return new ChannelStatus(channel.id(), channel.title(), null, "offered by another plugin");
    }
}
