package dev.operon.plugins.notify.email;

import dev.operon.plugins.notify.NotifyConfig;
import dev.operon.sdk.config.PluginConfig;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach the SMTP server, read from the configuration for each send.
 *
 * @param password null when unset; never shown
 */
record SmtpSettings(String host, int port, Security security, Optional<String> username, String password,
                    Optional<String> sslTrust, InternetAddress from, Duration connectTimeout, Duration timeout) {

    enum Security { STARTTLS, SSL, NONE }

    /** The settings, or an {@link IllegalStateException} naming what is missing or wrong. */
    static SmtpSettings read(PluginConfig config) {
        String host = config.get(NotifyConfig.SMTP_HOST).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalStateException("e-mail is not configured: set operon.plugin.notify."
                        + NotifyConfig.SMTP_HOST));
        String fromText = config.get(NotifyConfig.FROM).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalStateException("e-mail is not configured: set operon.plugin.notify."
                        + NotifyConfig.FROM));
        InternetAddress from;
        try {
            from = new InternetAddress(fromText, true);
        } catch (AddressException e) {
            throw new IllegalStateException("operon.plugin.notify." + NotifyConfig.FROM + " is not an e-mail address: "
                    + e.getMessage());
        }
        return new SmtpSettings(host, config.getInt(NotifyConfig.SMTP_PORT),
                Security.valueOf(config.require(NotifyConfig.SMTP_SECURITY).trim().toUpperCase(Locale.ROOT)),
                config.get(NotifyConfig.SMTP_USERNAME).map(String::trim).filter(s -> !s.isEmpty()),
                config.get(NotifyConfig.SMTP_PASSWORD).orElse(null),
                config.get(NotifyConfig.SMTP_SSL_TRUST).map(String::trim).filter(s -> !s.isEmpty()), from,
                config.getDuration(NotifyConfig.CONNECT_TIMEOUT), config.getDuration(NotifyConfig.TIMEOUT));
    }

    /** Jakarta Mail session properties for the {@code smtp} protocol. */
    Properties sessionProperties() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        p.setProperty("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        p.setProperty("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
        p.setProperty("mail.smtp.auth", String.valueOf(username.isPresent()));
        switch (security) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", String.valueOf(sslTrust.isEmpty()));
            }
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", String.valueOf(sslTrust.isEmpty()));
            }
            case NONE -> {
            }
        }
        if (security != Security.SSL) {
            // plain connections (upgraded in place by STARTTLS): see QuickAckSockets for the 40 ms it saves per reply
            p.put("mail.smtp.socketFactory", QuickAckSockets.FACTORY);
        }
        sslTrust.ifPresent(hosts -> p.setProperty("mail.smtp.ssl.trust", hosts));
        String domain = domainOf(from);
        p.setProperty("mail.from", from.getAddress());
        p.setProperty("mail.smtp.from", from.getAddress());
        p.setProperty("mail.host", domain);
        // the EHLO name: without it Angus Mail resolves this machine's own name for every connection (0.8 s here)
        p.setProperty("mail.smtp.localhost", domain);
        return p;
    }

    /** A one-line description for operators, without the password. */
    String describe() {
        return host + ":" + port + " " + security.name().toLowerCase(Locale.ROOT)
                + username.map(u -> ", auth as " + u + (password == null ? " (no password set)" : ""))
                .orElse(", no auth") + ", from " + from.getAddress();
    }

    static String domainOf(InternetAddress address) {
        String a = address.getAddress();
        int at = a.lastIndexOf('@');
        return at < 0 || at == a.length() - 1 ? "operon.invalid" : a.substring(at + 1);
    }
}
