package dev.operon.core.api;

/** 415 for a request body in a content coding the endpoint cannot read, with the {@code Accept-Encoding} it can. */
public class UnsupportedContentEncodingException extends ApiException {

    private final String accepted;

    public UnsupportedContentEncodingException(String detail, String accepted) {
        super(415, "unsupported-content-encoding", "Unsupported content encoding", detail, null);
        this.accepted = accepted;
    }

    /** The value of the answer's {@code Accept-Encoding} header (RFC 9110, 15.5.16). */
    public String accepted() {
        return accepted;
    }
}
