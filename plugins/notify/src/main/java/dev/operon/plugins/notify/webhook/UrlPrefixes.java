package dev.operon.plugins.notify.webhook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A value per URL prefix, written as comma (or line) separated {@code prefix value} pairs; the longest prefix that a
 * URL starts with wins. Neither part may contain spaces or commas (URLs and bot secrets do not).
 */
final class UrlPrefixes {

    private record Entry(String prefix, String value) {
    }

    private final List<Entry> entries;

    private UrlPrefixes(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * Parses {@code text}; {@code what} names the configuration key in errors.
     *
     * @throws IllegalStateException for an entry that is not {@code prefix value}; {@code secret} keeps the value
     *                               out of the message
     */
    static UrlPrefixes parse(String text, String what, boolean secret) {
        List<Entry> entries = new ArrayList<>();
        if (text != null) {
            int position = 0;
            for (String item : text.split("[,\\n]")) {
                position++;
                String entry = item.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                String[] parts = entry.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException(what + ": entry " + position + (secret ? "" : " '" + entry + "'")
                            + " is not 'url-prefix value'");
                }
                entries.add(new Entry(parts[0], parts[1]));
            }
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
        return new UrlPrefixes(List.copyOf(entries));
    }

    /** The value of the longest prefix of {@code url}. */
    Optional<String> match(String url) {
        return entries.stream().filter(e -> url.startsWith(e.prefix())).map(Entry::value).findFirst();
    }

    /** The values, for validation. */
    List<String> values() {
        return entries.stream().map(Entry::value).toList();
    }

    int size() {
        return entries.size();
    }
}
