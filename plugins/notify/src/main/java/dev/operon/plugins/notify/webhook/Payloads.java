package dev.operon.plugins.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.plugins.notify.HtmlText;
import dev.operon.sdk.channel.Message;
import java.time.Instant;

/** The JSON body of a message in each {@link WebhookFormat}. */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's limits: header text 150 characters, section text 3,000. */
    private static final int SLACK_HEADER_MAX = 150;
    private static final int SLACK_SECTION_MAX = 3000;

    private Payloads() {
    }

    /**
     * The body; for Feishu with a secret, {@code signature} holds the sign and {@code epochSeconds} its timestamp.
     */
    static byte[] body(WebhookFormat format, Message message, Instant now, String feishuSign) {
        ObjectNode root = JSON.createObjectNode();
        switch (format) {
            case JSON -> {
                root.put("subject", message.subject());
                root.put("text", message.text());
                root.put("html", message.html());
                root.put("idempotencyKey", message.idempotencyKey());
                root.put("sentAt", now.toString());
            }
            case SLACK -> {
                root.put("text", slackEscape(chatText(message)));
                if (message.subject() != null && !message.subject().isBlank()) {
                    ArrayNode blocks = root.putArray("blocks");
                    ObjectNode header = blocks.addObject().put("type", "header");
                    header.putObject("text").put("type", "plain_text")
                            .put("text", cut(message.subject(), SLACK_HEADER_MAX));
                    String text = bodyText(message);
                    if (!text.isBlank()) {
                        ObjectNode section = blocks.addObject().put("type", "section");
                        section.putObject("text").put("type", "mrkdwn")
                                .put("text", cut(slackEscape(text), SLACK_SECTION_MAX));
                    }
                }
            }
            case FEISHU -> {
                if (feishuSign != null) {
                    root.put("timestamp", String.valueOf(now.getEpochSecond()));
                    root.put("sign", feishuSign);
                }
                root.put("msg_type", "text");
                root.putObject("content").put("text", chatText(message));
            }
            case DINGTALK -> {
                if (message.subject() != null && !message.subject().isBlank()) {
                    root.put("msgtype", "markdown");
                    String text = bodyText(message);
                    root.putObject("markdown").put("title", message.subject())
                            .put("text", "### " + message.subject() + (text.isBlank() ? "" : "\n\n" + text));
                } else {
                    root.put("msgtype", "text");
                    root.putObject("text").put("content", bodyText(message));
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings is always writable", e);
        }
    }

    /** The text, else the HTML as text, else nothing. */
    static String bodyText(Message message) {
        if (message.text() != null) {
            return message.text();
        }
        return message.html() != null ? HtmlText.of(message.html()) : "";
    }

    /** Subject and text on one message, for chats that have no title field. */
    static String chatText(Message message) {
        String text = bodyText(message);
        if (message.subject() == null || message.subject().isBlank()) {
            return text;
        }
        return text.isBlank() ? message.subject() : message.subject() + "\n" + text;
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup: its documentation asks for these three escapes. */
    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
