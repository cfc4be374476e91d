package dev.operon.core.scheduling.diagnostics;

import dev.operon.core.api.ApiException;

/** A probe did not finish within {@code operon.core.diagnostics.max-wait}: answered as 504 with what was done. */
final class ProbeTimeoutException extends ApiException {

    ProbeTimeoutException(String what, long done, int total, java.time.Duration waited) {
        super(504, "diagnostics-timeout", "Probe did not finish", what + ": " + done + " of " + total
                + " finished within " + waited.toSeconds() + " s (operon.core.diagnostics.max-wait)", null);
    }
}
