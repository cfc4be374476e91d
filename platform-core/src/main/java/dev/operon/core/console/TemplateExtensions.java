package dev.operon.core.console;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Small helpers console templates call on values. */
@TemplateExtension
final class TemplateExtensions {

    private TemplateExtensions() {
    }

    /** The text encoded for a query string value: {@code {e.userId.queryValue}}. */
    static String queryValue(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
