package dev.operon.plugins.notify;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.config.PluginConfig;
import java.util.List;

/**
 * The notify plugin's configuration keys ({@code operon.plugin.notify.<key>}) and the live configuration its channels
 * read on every send, so that an admin's change applies to the next message.
 */
public final class NotifyConfig {

    public static final String SMTP_HOST = "smtp-host";
    public static final String SMTP_PORT = "smtp-port";
    public static final String SMTP_SECURITY = "smtp-security";
    public static final String SMTP_USERNAME = "smtp-username";
    public static final String SMTP_PASSWORD = "smtp-password";
    public static final String SMTP_SSL_TRUST = "smtp-ssl-trust";
    public static final String FROM = "from";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String TIMEOUT = "timeout";
    public static final String WEBHOOK_DEFAULT_FORMAT = "webhook-default-format";
    public static final String WEBHOOK_FORMATS = "webhook-formats";
    public static final String WEBHOOK_SECRETS = "webhook-secrets";

    /** The declared keys. */
    public static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.of(SMTP_HOST, ConfigType.STRING, null,
                        "SMTP server host name; e-mail is not configured while it is unset"),
                ConfigProperty.of(SMTP_PORT, ConfigType.INTEGER, "587",
                        "SMTP server port: usually 587 (starttls), 465 (ssl) or 25 (none)").between(1, 65535),
                ConfigProperty.oneOf(SMTP_SECURITY, List.of("starttls", "ssl", "none"), "starttls",
                        "starttls: upgrade a plain connection and refuse to go on without TLS; ssl: TLS from the"
                                + " first byte (SMTPS); none: plain text (local relays only)"),
                ConfigProperty.of(SMTP_USERNAME, ConfigType.STRING, null,
                        "SMTP user name; when set the channel authenticates (AUTH) with smtp-password"),
                ConfigProperty.secret(SMTP_PASSWORD, false, "SMTP password"),
                ConfigProperty.of(SMTP_SSL_TRUST, ConfigType.STRING, null,
                        "hosts (space separated, * for all) whose TLS certificate is trusted without validation, for"
                                + " relays with a self-signed certificate; unset: normal validation"),
                ConfigProperty.of(FROM, ConfigType.STRING, null,
                        "sender address of every e-mail, such as 'Operon <ops@example.com>'; needed to send e-mail"),
                ConfigProperty.of(CONNECT_TIMEOUT, ConfigType.DURATION, "10s",
                        "how long to wait for a TCP (and TLS) connection to an SMTP server or a webhook"),
                ConfigProperty.of(TIMEOUT, ConfigType.DURATION, "30s",
                        "how long to wait for each SMTP answer, or for a webhook's whole answer"),
                ConfigProperty.oneOf(WEBHOOK_DEFAULT_FORMAT, List.of("json", "slack", "feishu", "dingtalk"), "json",
                        "payload format of a webhook whose message names none and whose URL matches no"
                                + " webhook-formats prefix"),
                ConfigProperty.of(WEBHOOK_FORMATS, ConfigType.STRING, null,
                        "payload format per URL prefix: comma separated 'prefix format' pairs, such as"
                                + " 'https://hooks.slack.com/ slack, https://open.feishu.cn/ feishu'; the longest"
                                + " matching prefix wins"),
                ConfigProperty.secret(WEBHOOK_SECRETS, false,
                        "signing secret per URL prefix: comma separated 'prefix secret' pairs; Feishu and"
                                + " DingTalk bots sign as their platforms document, generic JSON gets an"
                                + " X-Operon-Signature header"));
    }

    private volatile PluginConfig current;

    /** Called at start: from now on channels read this configuration. */
    public void use(PluginConfig config) {
        current = config;
    }

    /** The live configuration; throws while the plugin is not started. */
    public PluginConfig current() {
        PluginConfig config = current;
        if (config == null) {
            throw new IllegalStateException("the notify plugin is not started");
        }
        return config;
    }

    /** Whether the plugin was started (channels can send). */
    public boolean started() {
        return current != null;
    }
}
