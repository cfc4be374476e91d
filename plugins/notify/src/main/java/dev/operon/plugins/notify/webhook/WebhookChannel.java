package dev.operon.plugins.notify.webhook;

import dev.operon.plugins.notify.NotifyConfig;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.config.PluginConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code notify.webhook}: POSTs a message as JSON to the URL in its recipient, in the format the message's
 * {@value #FORMAT_HEADER} header names, else the one configured for the URL's prefix, else the default format. The
 * idempotency key goes in an {@code Idempotency-Key} header; the message's other headers are sent as HTTP headers.
 * Redirects are not followed. See {@link Answers} for what counts as delivered, permanent or worth a retry.
 */
public final class WebhookChannel implements Channel {

    /** The channel id. */
    public static final String ID = "notify.webhook";
    /** The message header that chooses the payload format: {@code json}, {@code slack}, {@code feishu}, {@code dingtalk}. */
    public static final String FORMAT_HEADER = "X-Operon-Format";
    /** Only this much of an answer is read: enough for a status or an error code. */
    private static final int ANSWER_MAX_BYTES = 8192;
    /** Headers the channel sets itself. */
    private static final Set<String> MANAGED = Set.of("content-type", "idempotency-key", "x-operon-signature",
            "x-operon-timestamp");

    private final NotifyConfig config;
    private final Clock clock;
    private final AtomicReference<ClientFor> client = new AtomicReference<>();

    private record ClientFor(Duration connectTimeout, HttpClient client) {
    }

    public WebhookChannel(NotifyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Webhook (JSON, Slack, Feishu, DingTalk)";
    }

    @Override
    public Delivery send(Message message) throws IOException, InterruptedException {
        PluginConfig settings = config.current();
        URI url;
        try {
            url = new URI(message.recipient().trim());
        } catch (URISyntaxException e) {
            return Delivery.rejected("the recipient is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            return Delivery.rejected("the recipient must be an http or https URL with a host, not " + redact(url));
        }
        Optional<String> named = header(message, FORMAT_HEADER);
        Optional<WebhookFormat> format = named.isPresent() ? WebhookFormat.named(named.get())
                : Optional.of(formatFor(settings, url.toString()));
        if (format.isEmpty()) {
            return Delivery.rejected(FORMAT_HEADER + " '" + named.get() + "' is not json, slack, feishu or dingtalk");
        }
        Optional<String> secret = secrets(settings).match(url.toString());
        Instant now = clock.instant();
        String feishuSign = format.get() == WebhookFormat.FEISHU
                ? secret.map(s -> Signatures.feishu(s, now.getEpochSecond())).orElse(null) : null;
        byte[] body = Payloads.body(format.get(), message, now, feishuSign);
        if (format.get() == WebhookFormat.DINGTALK && secret.isPresent()) {
            long millis = now.toEpochMilli();
            String sign = URLEncoder.encode(Signatures.dingTalk(secret.get(), millis), StandardCharsets.UTF_8);
            url = URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "timestamp=" + millis + "&sign=" + sign);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.getDuration(NotifyConfig.TIMEOUT))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (message.idempotencyKey() != null) {
            request.header("Idempotency-Key", message.idempotencyKey());
        }
        if (format.get() == WebhookFormat.JSON && secret.isPresent()) {
            request.header("X-Operon-Timestamp", String.valueOf(now.getEpochSecond()));
            request.header("X-Operon-Signature", Signatures.json(secret.get(), now.getEpochSecond(), body));
        }
        for (Map.Entry<String, String> h : message.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(FORMAT_HEADER.toLowerCase(Locale.ROOT)) || MANAGED.contains(name)) {
                continue;
            }
            try {
                request.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                return Delivery.rejected("header " + h.getKey() + " cannot be sent: " + e.getMessage());
            }
        }
        HttpResponse<InputStream> response;
        String answer;
        try {
            response = client(settings.getDuration(NotifyConfig.CONNECT_TIMEOUT))
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(ANSWER_MAX_BYTES), StandardCharsets.UTF_8);
            }
        } catch (ConnectException e) {
            // the JDK's client gives it no message: the log and the outbox would read "ConnectException: null"
            ConnectException described = new ConnectException("could not connect to " + redact(url)
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            described.initCause(e);
            throw described;
        }
        return Answers.interpret(format.get(), response.statusCode(), answer,
                response.headers().firstValue("Retry-After"));
    }

    /** Whether webhooks can be sent with the current configuration, and how, for operators. */
    public String status() {
        if (!config.started()) {
            return "not started";
        }
        try {
            PluginConfig settings = config.current();
            return "ready: default format " + settings.require(NotifyConfig.WEBHOOK_DEFAULT_FORMAT) + ", "
                    + formats(settings).size() + " URL prefix formats, " + secrets(settings).size()
                    + " URL prefix secrets";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Checks the per-URL settings; throws {@link IllegalStateException} naming the problem. */
    public void validate() {
        PluginConfig settings = config.current();
        UrlPrefixes formats = formats(settings);
        for (String value : formats.values()) {
            if (WebhookFormat.named(value).isEmpty()) {
                throw new IllegalStateException("operon.plugin.notify." + NotifyConfig.WEBHOOK_FORMATS + ": '" + value
                        + "' is not json, slack, feishu or dingtalk");
            }
        }
        secrets(settings);
    }

    /** A URL as it may be shown: scheme, host and port, without the path or query that often carry tokens. */
    public static String redact(URI url) {
        if (url.getHost() == null) {
            return "(a URL without host)";
        }
        return (url.getScheme() == null ? "" : url.getScheme() + "://") + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
    }

    private static WebhookFormat formatFor(PluginConfig settings, String url) {
        String name = formats(settings).match(url).orElseGet(() -> settings.require(NotifyConfig.WEBHOOK_DEFAULT_FORMAT));
        return WebhookFormat.named(name).orElseThrow(() -> new IllegalStateException("operon.plugin.notify."
                + NotifyConfig.WEBHOOK_FORMATS + ": '" + name + "' is not json, slack, feishu or dingtalk"));
    }

    private static UrlPrefixes formats(PluginConfig settings) {
        return UrlPrefixes.parse(settings.get(NotifyConfig.WEBHOOK_FORMATS).orElse(null),
                "operon.plugin.notify." + NotifyConfig.WEBHOOK_FORMATS, false);
    }

    private static UrlPrefixes secrets(PluginConfig settings) {
        return UrlPrefixes.parse(settings.get(NotifyConfig.WEBHOOK_SECRETS).orElse(null),
                "operon.plugin.notify." + NotifyConfig.WEBHOOK_SECRETS, true);
    }

    private static Optional<String> header(Message message, String name) {
        return message.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    private HttpClient client(Duration connectTimeout) {
        ClientFor current = client.get();
        if (current != null && current.connectTimeout().equals(connectTimeout)) {
            return current.client();
        }
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        client.set(new ClientFor(connectTimeout, fresh));
        return fresh;
    }
}
