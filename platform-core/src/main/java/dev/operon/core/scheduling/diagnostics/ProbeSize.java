package dev.operon.core.scheduling.diagnostics;

import dev.operon.core.api.ApiException;

/** How many jobs or runs one capacity probe may create: enough to measure, few enough to stay harmless. */
final class ProbeSize {

    static final int MIN = 1;
    static final int MAX = 20_000;

    private ProbeSize() {
    }

    /** {@code value} when it is within bounds; otherwise a 422 problem naming {@code field}. */
    static int check(String field, Integer value) {
        if (value == null || value < MIN || value > MAX) {
            throw ApiException.invalid(field, "must be between " + MIN + " and " + MAX);
        }
        return value;
    }
}
