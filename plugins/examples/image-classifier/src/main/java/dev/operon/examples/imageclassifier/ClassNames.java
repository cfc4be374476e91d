package dev.operon.examples.imageclassifier;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Class names as one model property: each name URL-encoded, joined with commas, so any folder name survives
 * ({@code circle,square,triangle}).
 */
final class ClassNames {

    private ClassNames() {
    }

    static String encode(List<String> names) {
        return names.stream().map(n -> URLEncoder.encode(n, StandardCharsets.UTF_8)).collect(Collectors.joining(","));
    }

    static List<String> decode(String property) {
        return Arrays.stream(property.split(",")).map(n -> URLDecoder.decode(n, StandardCharsets.UTF_8)).toList();
    }
}
