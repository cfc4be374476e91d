package dev.operon.sdk.config;

/** How a configuration value is checked and shown. */
public enum ConfigType {
    STRING, INTEGER, DECIMAL, BOOLEAN,
    /** ISO-8601 ({@code PT30S}) or simple ({@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}). */
    DURATION,
    /** A URL (http, https, smtp, ...). */
    URL,
    /** One of {@link ConfigProperty#allowed()}. */
    ENUM,
    /** A password or token: write-only, never shown, logged or audited. */
    SECRET
}
