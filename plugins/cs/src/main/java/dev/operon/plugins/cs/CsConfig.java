package dev.operon.plugins.cs;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.plugins.cs.understanding.IntentSettings;
import java.util.List;

/** The plugin's configuration keys ({@code operon.plugin.cs.<key>}). */
public final class CsConfig {

    public static final String AUTO_REPLY_MIN_CONFIDENCE = "auto-reply-min-confidence";
    public static final String ANSWER_MIN_SIMILARITY = "answer-min-similarity";
    public static final String AUTO_REPLY_TO_ANGRY = "auto-reply-to-angry";
    public static final String AUTO_REPLY_TO_URGENT = "auto-reply-to-urgent";
    public static final String MAX_MESSAGE_LENGTH = "max-message-length";
    public static final String FIRST_RESPONSE_TIME = "first-response-time";
    public static final String RESOLUTION_TIME = "resolution-time";
    public static final String URGENT_FIRST_RESPONSE_TIME = "urgent-first-response-time";
    public static final String URGENT_RESOLUTION_TIME = "urgent-resolution-time";
    public static final String ALERT_CHANNEL = "alert-channel";
    public static final String ALERT_RECIPIENT = "alert-recipient";
    public static final String FINE_TUNE_EPOCHS = "fine-tune-epochs";
    public static final String REPLY_CHANNEL = "reply-channel";
    public static final String REPLY_RECIPIENT = "reply-recipient";

    private CsConfig() {
    }

    /** Every key with its default. */
    public static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.of(AUTO_REPLY_MIN_CONFIDENCE, ConfigType.DECIMAL, "0.7",
                        "An automatic answer needs at least this intent confidence (and the model's own out-of-scope"
                                + " threshold); below, the conversation goes to a human.").between(0, 1),
                ConfigProperty.of(ANSWER_MIN_SIMILARITY, ConfigType.DECIMAL, "0.5",
                        "An article is sent as an automatic answer only if its cosine similarity to the message is at"
                                + " least this.").between(-1, 1),
                ConfigProperty.of(AUTO_REPLY_TO_ANGRY, ConfigType.BOOLEAN, "false",
                        "Whether the bot may answer a message that reads as angry."),
                ConfigProperty.of(AUTO_REPLY_TO_URGENT, ConfigType.BOOLEAN, "false",
                        "Whether the bot may answer a message that reads as urgent."),
                ConfigProperty.of(MAX_MESSAGE_LENGTH, ConfigType.INTEGER, "4000",
                        "Longest inbound message accepted, in characters.").between(1, 100_000),
                ConfigProperty.of(FIRST_RESPONSE_TIME, ConfigType.DURATION, "1h",
                        "SLA: time allowed until the first answer to a conversation."),
                ConfigProperty.of(RESOLUTION_TIME, ConfigType.DURATION, "24h",
                        "SLA: time allowed until a conversation is resolved."),
                ConfigProperty.of(URGENT_FIRST_RESPONSE_TIME, ConfigType.DURATION, "15m",
                        "SLA for urgent messages: time allowed until the first answer."),
                ConfigProperty.of(URGENT_RESOLUTION_TIME, ConfigType.DURATION, "4h",
                        "SLA for urgent messages: time allowed until resolution."),
                ConfigProperty.of(ALERT_CHANNEL, ConfigType.STRING, "notify.email",
                        "Delivery channel (of any active plugin) that SLA breach alerts are sent through."),
                ConfigProperty.of(ALERT_RECIPIENT, ConfigType.STRING, null,
                        "Recipient of SLA breach alerts in the channel's terms; none: alerts are only logged and"
                                + " counted."),
                ConfigProperty.of(REPLY_CHANNEL, ConfigType.STRING, null,
                        "Delivery channel (of any active plugin, for example notify.webhook) that every reply to a"
                                + " customer, the bot's and the operators', is sent through; none: replies are stored"
                                + " and returned to the caller only."),
                ConfigProperty.of(REPLY_RECIPIENT, ConfigType.STRING, null,
                        "Recipient of the replies in the reply channel's terms, for example the chat integration's"
                                + " webhook URL (each reply names its conversation, customer and channel in headers)."),
                ConfigProperty.of(FINE_TUNE_EPOCHS, ConfigType.INTEGER,
                        Integer.toString(IntentSettings.DEFAULT_FINE_TUNE_EPOCHS),
                        "Epochs of fine-tuning of the English sentence encoder when the intent classifier is trained"
                                + " (0: the pretrained encoder only). The fine-tuned encoder is kept only when the"
                                + " classifier over it beats the pretrained one's validation accuracy.")
                        .between(0, 20));
    }
}
