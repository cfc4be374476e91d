package dev.operon.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the audit log as JSON Lines ({@link AuditLine}, one record per line, seq order), streaming, and records who
 * exported what: reading the whole audit trail is itself worth an audit record.
 */
@ApplicationScoped
public class AuditExporter {

    public static final String MEDIA_TYPE = "application/x-ndjson";
    public static final String ACTION = "audit.export";

    @Inject
    AuditStore store;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper mapper;

    /**
     * Writes every record matching {@code filter} to {@code out} (flushed, not closed) and returns how many.
     *
     * @param actor     who exports, for the audit record of the export
     * @param requestId the API request id, or null
     */
    public long export(AuditFilter filter, Writer out, Actor actor, String requestId) throws IOException {
        ObjectWriter lines = mapper.writerFor(AuditLine.class).without(SerializationFeature.INDENT_OUTPUT);
        long written;
        try {
            written = store.stream(filter, record -> {
                out.write(lines.writeValueAsString(AuditLine.of(record)));
                out.write('\n');
            });
            out.flush();
        } catch (IOException | RuntimeException e) {
            try {
                recordExport(filter, actor, requestId, AuditEvent.FAILURE, null);
            } catch (RuntimeException auditFailure) {
                e.addSuppressed(auditFailure);
            }
            throw e;
        }
        recordExport(filter, actor, requestId, AuditEvent.SUCCESS, written);
        return written;
    }

    private void recordExport(AuditFilter filter, Actor actor, String requestId, String outcome, Long records) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("filter", filter.describe());
        if (records != null) {
            details.put("records", records);
        }
        audit.record(new AuditEvent(actor, ACTION, null, outcome, requestId, null, null, details));
    }
}
