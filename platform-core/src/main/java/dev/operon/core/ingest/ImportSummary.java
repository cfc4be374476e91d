package dev.operon.core.ingest;

import java.util.List;

/**
 * What an import did.
 *
 * @param format        {@code csv} or {@code jsonl}
 * @param mode          {@code valid-only} (valid lines stored, bad ones reported) or {@code all-or-nothing}
 * @param lines         events read (data lines; a CSV header and blank lines are not counted)
 * @param imported      events stored
 * @param duplicates    valid events not stored because their message id was already stored for the source
 * @param suppressed    valid events not stored because they belong to an erased person (docs/privacy.md)
 * @param rejected      invalid events (none stored in all-or-nothing mode when this is not 0)
 * @param committed     false when all-or-nothing mode stored nothing because of a bad line
 * @param errors        the first {@value EventImporter#MAX_ERRORS} errors, by line
 * @param errorsOmitted errors beyond those listed
 */
public record ImportSummary(String format, String mode, long lines, long imported, long duplicates, long suppressed,
                            long rejected, boolean committed, List<LineError> errors, long errorsOmitted) {

    /**
     * One invalid line.
     *
     * @param line    its line number in the file (1-based; the header of a CSV file is line 1)
     * @param field   the field at fault, or null when the line as a whole is
     * @param message why
     */
    public record LineError(long line, String field, String message) {
    }
}
