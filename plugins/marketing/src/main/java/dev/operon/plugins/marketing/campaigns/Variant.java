package dev.operon.plugins.marketing.campaigns;

/**
 * One version of a campaign's message.
 *
 * @param name    short name, unique in the campaign ({@code A}, {@code B}); {@code holdout} is reserved
 * @param weight  share of the treated users it gets under fixed allocation (relative to the other weights)
 * @param subject e-mail subject or in-app title (a Qute template); may be empty for webhooks
 * @param html    HTML body template (e-mail only), may be null
 * @param text    plain-text body template (the webhook payload, the in-app body)
 */
public record Variant(String name, double weight, String subject, String html, String text) {
}
