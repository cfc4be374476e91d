package dev.operon.core.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The console's message bundles ({@code console/i18n/messages_<lang>.properties} in the web-ui jar, UTF-8): English
 * and Simplified Chinese. Both bundles hold the same keys (a test checks it).
 */
@ApplicationScoped
public class I18n {

    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh-CN";
    public static final List<String> LANGUAGES = List.of(ENGLISH, CHINESE);

    private final Map<String, Map<String, String>> bundles = Map.of(
            ENGLISH, load("messages_en.properties"),
            CHINESE, load("messages_zh_CN.properties"));

    static Map<String, String> load(String file) {
        Properties properties = new Properties();
        try (InputStream in = I18n.class.getClassLoader().getResourceAsStream("console/i18n/" + file)) {
            if (in == null) {
                throw new IllegalStateException("console message bundle missing: " + file);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read console message bundle " + file, e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        return Map.copyOf(map);
    }

    public Map<String, String> bundle(String language) {
        return bundles.getOrDefault(language, bundles.get(ENGLISH));
    }

    /** The language for a cookie value and an {@code Accept-Language} header. */
    static String choose(String cookie, String acceptLanguage) {
        if (cookie != null && LANGUAGES.contains(cookie)) {
            return cookie;
        }
        if (acceptLanguage != null && acceptLanguage.trim().toLowerCase().startsWith("zh")) {
            return CHINESE;
        }
        return ENGLISH;
    }
}
