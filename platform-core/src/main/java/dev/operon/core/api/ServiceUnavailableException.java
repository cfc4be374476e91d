package dev.operon.core.api;

/** 503 with a {@code Retry-After} header: the platform cannot take the request now (overloaded, database down). */
public class ServiceUnavailableException extends ApiException {

    private final long retryAfterSeconds;

    public ServiceUnavailableException(String detail, long retryAfterSeconds) {
        super(503, "unavailable", "Service unavailable", detail, null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
