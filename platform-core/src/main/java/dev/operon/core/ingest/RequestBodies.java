package dev.operon.core.ingest;

import dev.operon.core.api.UnsupportedContentEncodingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Request bodies in the content codings that event senders use: analytics libraries and bulk uploads often gzip
 * their bodies ({@code Content-Encoding: gzip}). The body is decoded as it is read, so every size limit applies to
 * the decoded bytes and a small compressed body cannot expand past them unnoticed.
 */
public final class RequestBodies {

    /** The codings read here, as the {@code Accept-Encoding} of a 415 names them. */
    public static final String ACCEPTED = "gzip, deflate";

    private RequestBodies() {
    }

    /**
     * The decoded body. No header, {@code identity}, {@code gzip}, {@code x-gzip} and {@code deflate} (zlib) are
     * read; any other coding, or more than one, is refused with 415.
     *
     * @throws UncheckedIOException when the body does not start as its coding says (read as malformed by callers)
     */
    public static InputStream decoded(InputStream body, String contentEncoding) {
        String coding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (coding) {
                case "", "identity" -> body;
                case "gzip", "x-gzip" -> new GZIPInputStream(body, 8192);
                case "deflate" -> new InflaterInputStream(body);
                default -> throw new UnsupportedContentEncodingException("the body's Content-Encoding '"
                        + contentEncoding.strip() + "' cannot be read here; send it as is, gzip or deflate", ACCEPTED);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not " + coding + " data: " + e.getMessage(), e);
        }
    }
}
