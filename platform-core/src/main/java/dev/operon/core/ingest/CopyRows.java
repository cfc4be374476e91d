package dev.operon.core.ingest;

import java.time.Instant;

/** Builds PostgreSQL COPY text-format rows: tab-separated, {@code \N} for null, backslash escapes. */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private boolean rowStarted;

    CopyRows field(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyRows field(Long value) {
        return field(value == null ? null : value.toString());
    }

    CopyRows field(Instant value) {
        return field(value == null ? null : value.toString());
    }

    CopyRows endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    String text() {
        return text.toString();
    }
}
