package dev.operon.plugins.marketing;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.config.PluginConfig;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The plugin's configuration keys ({@code operon.plugin.marketing.<key>}) and typed reads of them. */
public final class MarketingConfig {

    public static final String SENDING_ENABLED = "sending-enabled";
    public static final String CONTACT_BUDGET = "contact-budget";
    public static final String CONTACT_WINDOW = "contact-window";
    public static final String QUIET_START = "quiet-hours-start";
    public static final String QUIET_END = "quiet-hours-end";
    public static final String TIMEZONE_TRAIT = "timezone-trait";
    public static final String DEFAULT_TIMEZONE = "default-timezone";
    public static final String EMAIL_TRAIT = "email-trait";
    public static final String RATE_EMAIL = "rate-limit-email";
    public static final String RATE_WEBHOOK = "rate-limit-webhook";
    public static final String RATE_INAPP = "rate-limit-inapp";
    public static final String SEND_ATTEMPTS = "send-attempts";
    public static final String RETRY_BACKOFF = "retry-backoff";
    public static final String BATCH_SIZE = "batch-size";
    public static final String SEND_CONCURRENCY = "send-concurrency";
    public static final String UNSUBSCRIBE_URL = "unsubscribe-url";
    public static final String UNSUBSCRIBE_SECRET = "unsubscribe-secret";
    public static final String EMAIL_CHANNEL = "email-channel";
    public static final String WEBHOOK_CHANNEL = "webhook-channel";

    private MarketingConfig() {
    }

    static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.of(SENDING_ENABLED, ConfigType.BOOLEAN, "true",
                        "Kill switch for every campaign: false stops all sending at the next batch"),
                ConfigProperty.of(CONTACT_BUDGET, ConfigType.INTEGER, "3",
                        "At most this many messages per user within contact-window, over every campaign and channel")
                        .between(1, 1000),
                ConfigProperty.of(CONTACT_WINDOW, ConfigType.DURATION, "P7D", "The contact budget's window"),
                ConfigProperty.of(QUIET_START, ConfigType.STRING, "21:00",
                        "Start of the quiet hours in the user's time zone (HH:mm); empty for none"),
                ConfigProperty.of(QUIET_END, ConfigType.STRING, "08:00", "End of the quiet hours (HH:mm)"),
                ConfigProperty.of(TIMEZONE_TRAIT, ConfigType.STRING, "timezone",
                        "Trait holding the user's time zone (IANA id such as Europe/Paris)"),
                ConfigProperty.of(DEFAULT_TIMEZONE, ConfigType.STRING, "UTC",
                        "Time zone of users without a valid time zone trait"),
                ConfigProperty.of(EMAIL_TRAIT, ConfigType.STRING, "email", "Trait holding the user's e-mail address"),
                ConfigProperty.of(RATE_EMAIL, ConfigType.INTEGER, "1000", "E-mails per second per node, 0 unlimited")
                        .between(0, 1_000_000),
                ConfigProperty.of(RATE_WEBHOOK, ConfigType.INTEGER, "100", "Webhook calls per second per node, 0 unlimited")
                        .between(0, 1_000_000),
                ConfigProperty.of(RATE_INAPP, ConfigType.INTEGER, "0", "In-app messages per second per node, 0 unlimited")
                        .between(0, 1_000_000),
                ConfigProperty.of(SEND_ATTEMPTS, ConfigType.INTEGER, "5",
                        "Attempts per message before it is marked failed").between(1, 100),
                ConfigProperty.of(RETRY_BACKOFF, ConfigType.DURATION, "PT30S",
                        "Wait before the first retry of a failed delivery; doubles with every attempt"),
                ConfigProperty.of(BATCH_SIZE, ConfigType.INTEGER, "200", "Messages claimed per transaction")
                        .between(1, 10_000),
                ConfigProperty.of(SEND_CONCURRENCY, ConfigType.INTEGER, "8",
                        "Messages of a batch handed to the channel at the same time").between(1, 64),
                ConfigProperty.of(UNSUBSCRIBE_URL, ConfigType.STRING, "http://localhost:8080/unsubscribe",
                        "Base of the unsubscribe links; the signed token is appended as ?token="),
                ConfigProperty.secret(UNSUBSCRIBE_SECRET, false,
                        "Key signing unsubscribe links; without it a random key is generated once and kept in the database"),
                ConfigProperty.of(EMAIL_CHANNEL, ConfigType.STRING, "notify.email", "Channel id e-mail campaigns use"),
                ConfigProperty.of(WEBHOOK_CHANNEL, ConfigType.STRING, "notify.webhook", "Channel id webhook campaigns use"));
    }

    /** Quiet hours, or empty when none are configured. */
    public static Optional<QuietHours> quietHours(PluginConfig config) {
        String start = config.get(QUIET_START).orElse("").trim();
        String end = config.get(QUIET_END).orElse("").trim();
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QuietHours(LocalTime.parse(start), LocalTime.parse(end),
                ZoneId.of(config.get(DEFAULT_TIMEZONE).orElse("UTC"))));
    }

    public static Duration contactWindow(PluginConfig config) {
        return config.getDuration(CONTACT_WINDOW);
    }

    /** Per-second rate limit of a campaign channel, 0 for none. */
    public static int rateLimit(PluginConfig config, String channel) {
        return switch (channel) {
            case "email" -> config.getInt(RATE_EMAIL);
            case "webhook" -> config.getInt(RATE_WEBHOOK);
            default -> config.getInt(RATE_INAPP);
        };
    }

    /** Throws when the quiet hours cannot be read, so a bad value refuses the plugin at start. */
    static void check(PluginConfig config) {
        try {
            quietHours(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(QUIET_START + "/" + QUIET_END + "/" + DEFAULT_TIMEZONE
                    + ": expected HH:mm times and an IANA time zone: " + e.getMessage(), e);
        }
    }
}
