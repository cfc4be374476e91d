package dev.operon.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.api.ServiceUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Imports historical events from CSV (with a header) or JSON Lines, streamed: each line is one Segment message,
 * validated like a live one, deduplicated like a live one. Valid-only mode commits every chunk of valid lines and
 * reports the bad ones; all-or-nothing mode writes everything in one transaction and rolls it back if any line is
 * bad. Columns and rules: docs/ingestion.md.
 */
@ApplicationScoped
public class EventImporter {

    static final int MAX_ERRORS = 1000;
    static final int CHUNK = 2000;
    /** The fixed CSV columns; everything else must be {@code properties.*}, {@code traits.*} or {@code context.*}. */
    static final Set<String> CSV_COLUMNS = Set.of("type", "event", "name", "userId", "anonymousId", "groupId",
            "previousId", "timestamp", "originalTimestamp", "sentAt", "messageId", "properties", "traits", "context",
            "integrations");
    private static final Set<String> JSON_COLUMNS = Set.of("properties", "traits", "context", "integrations");
    private static final Set<String> NESTED = Set.of("properties", "traits", "context");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    public enum Format {
        CSV, JSONL;

        public static Format parse(String text) {
            return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "jsonl", "ndjson", "json-lines" -> JSONL;
                default -> throw ApiException.invalid("format", "must be csv or jsonl");
            };
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Mode {
        VALID_ONLY, ALL_OR_NOTHING;

        public static Mode parse(String text) {
            return switch (text == null ? "valid-only" : text.toLowerCase(Locale.ROOT)) {
                case "valid-only", "" -> VALID_ONLY;
                case "all-or-nothing" -> ALL_OR_NOTHING;
                default -> throw ApiException.invalid("mode", "must be valid-only or all-or-nothing");
            };
        }

        String wire() {
            return this == VALID_ONLY ? "valid-only" : "all-or-nothing";
        }
    }

    @Inject
    ObjectMapper json;

    @Inject
    EventStore store;

    @Inject
    EventWriter writer;

    @Inject
    IngestConfig config;

    @Inject
    IngestMetrics metrics;

    @Inject
    AgroalDataSource dataSource;

    private SegmentEvents segment;

    @PostConstruct
    void init() {
        segment = new SegmentEvents(json, config.earliestTimestamp(), config.latestAhead());
    }

    /**
     * Imports the stream (UTF-8). {@code progress} is told the number of events read so far after each chunk.
     * A CSV header naming unknown columns is refused (422) before anything is stored.
     */
    public ImportSummary importEvents(InputStream input, Format format, Mode mode, Long sourceId,
                                      LongConsumer progress) {
        Run run = new Run(format, mode, sourceId, progress);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8),
                64 * 1024)) {
            if (mode == Mode.ALL_OR_NOTHING) {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    run.connection = connection;
                    try {
                        read(reader, run);
                        run.flush();
                        if (run.rejected == 0) {
                            connection.commit();
                            run.committed = true;
                        } else {
                            connection.rollback();
                            store.forgetPartitions();
                            run.imported = 0;
                            run.duplicates = 0;
                            run.suppressed = 0;
                        }
                    } catch (IOException | SQLException | RuntimeException e) {
                        EventStore.rollbackQuietly(connection);
                        store.forgetPartitions();
                        throw e;
                    } finally {
                        EventStore.restoreAutoCommit(connection);
                    }
                }
            } else {
                read(reader, run);
                run.flush();
                run.committed = true;
            }
        } catch (IOException e) {
            throw ApiException.badRequest("the import could not be read: " + e.getMessage());
        } catch (SQLException e) {
            if (EventWriter.isUnavailable(e)) {
                throw new ServiceUnavailableException("the event store is unavailable; events of chunks already"
                        + " committed stay (import again: duplicates are dropped)", config.retryAfterSeconds());
            }
            throw new IllegalStateException("the import failed: " + e.getMessage(), e);
        }
        metrics.accepted((int) run.imported);
        metrics.deduplicated((int) run.duplicates);
        if (run.suppressed > 0) {
            metrics.rejected("erased-person", (int) run.suppressed);
        }
        if (run.rejected > 0) {
            metrics.rejected("invalid", (int) run.rejected);
        }
        return new ImportSummary(format.wire(), mode.wire(), run.lines, run.imported, run.duplicates, run.suppressed,
                run.rejected, run.committed, List.copyOf(run.errors), run.omitted);
    }

    private void read(BufferedReader reader, Run run) throws IOException, SQLException {
        if (run.format == Format.JSONL) {
            readJsonLines(reader, run);
        } else {
            readCsv(reader, run);
        }
    }

    private void readJsonLines(BufferedReader reader, Run run) throws IOException, SQLException {
        long number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JsonProcessingException e) {
                run.lines++;
                run.reject(number, null, "not valid JSON: " + e.getOriginalMessage());
                continue;
            }
            run.add(number, node);
        }
    }

    private void readCsv(BufferedReader reader, Run run) throws IOException, SQLException {
        CsvRecords records = new CsvRecords(reader);
        CsvRecords.Row header = records.next();
        if (header == null) {
            return;
        }
        List<String> columns = header.fields().stream().map(String::strip).toList();
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (String column : columns) {
            int dot = column.indexOf('.');
            boolean nested = dot > 0 && NESTED.contains(column.substring(0, dot)) && dot < column.length() - 1;
            if (!CSV_COLUMNS.contains(column) && !nested) {
                unknown.add(new Problem.FieldError(column, "unknown column; use " + String.join(", ",
                        new java.util.TreeSet<>(CSV_COLUMNS)) + ", properties.*, traits.* or context.*"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid(unknown);
        }
        while (true) {
            CsvRecords.Row row;
            try {
                row = records.next();
            } catch (CsvRecords.MalformedException e) {
                run.lines++;
                run.reject(e.line, null, e.getMessage());
                return;
            }
            if (row == null) {
                return;
            }
            if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
                continue;
            }
            run.lines++;
            if (row.fields().size() != columns.size()) {
                run.reject(row.line(), null, "has " + row.fields().size() + " fields; the header has "
                        + columns.size());
                continue;
            }
            ObjectNode message = json.createObjectNode();
            String badJson = null;
            for (int i = 0; i < columns.size() && badJson == null; i++) {
                String column = columns.get(i);
                String value = row.fields().get(i);
                if (value.isEmpty()) {
                    continue;
                }
                if (JSON_COLUMNS.contains(column)) {
                    try {
                        JsonNode parsed = json.readTree(value);
                        ObjectNode target = parsed instanceof ObjectNode object ? object : null;
                        if (target == null) {
                            badJson = column;
                        } else {
                            merge(message.withObjectProperty(column), target);
                        }
                    } catch (JsonProcessingException e) {
                        badJson = column;
                    }
                } else if (column.indexOf('.') > 0) {
                    put(message, column, value);
                } else {
                    message.put(column, value);
                }
            }
            if (badJson != null) {
                run.reject(row.line(), badJson, "must be a JSON object");
                continue;
            }
            run.addCounted(row.line(), message);
        }
    }

    /** {@code properties.address.city = Paris} becomes {@code {"properties": {"address": {"city": "Paris"}}}}. */
    private static void put(ObjectNode message, String column, String value) {
        String[] path = column.split("\\.");
        ObjectNode node = message;
        for (int i = 0; i < path.length - 1; i++) {
            node = node.withObjectProperty(path[i]);
        }
        String key = path[path.length - 1];
        if ("true".equals(value) || "false".equals(value)) {
            node.put(key, Boolean.parseBoolean(value));
        } else if (NUMBER.matcher(value).matches()) {
            node.put(key, new java.math.BigDecimal(value));
        } else {
            node.put(key, value);
        }
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue()));
    }

    /** The state of one import. */
    private final class Run {
        final Format format;
        final Mode mode;
        final Long sourceId;
        final LongConsumer progress;
        final List<ImportSummary.LineError> errors = new ArrayList<>();
        final List<IncomingEvent> chunk = new ArrayList<>(CHUNK);
        Connection connection;
        long lines;
        long imported;
        long duplicates;
        long suppressed;
        long rejected;
        long omitted;
        boolean committed;

        Run(Format format, Mode mode, Long sourceId, LongConsumer progress) {
            this.format = format;
            this.mode = mode;
            this.sourceId = sourceId;
            this.progress = progress;
        }

        void add(long line, JsonNode message) throws SQLException {
            lines++;
            addCounted(line, message);
        }

        void addCounted(long line, JsonNode message) throws SQLException {
            List<Problem.FieldError> problems = new ArrayList<>();
            Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            IncomingEvent event = segment.read(message, null, "", sourceId, receivedAt,
                    SegmentEvents.Defaults.NONE, problems);
            if (event == null) {
                rejected++;
                for (Problem.FieldError problem : problems) {
                    error(line, problem.field(), problem.message());
                }
                return;
            }
            if (mode == Mode.ALL_OR_NOTHING && rejected > 0) {
                return; // nothing will be committed: only keep reading to report every bad line
            }
            chunk.add(event);
            if (chunk.size() >= CHUNK) {
                flush();
            }
        }

        void reject(long line, String field, String message) {
            rejected++;
            error(line, field, message);
        }

        private void error(long line, String field, String message) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(new ImportSummary.LineError(line, field, message));
            } else {
                omitted++;
            }
        }

        void flush() throws SQLException {
            if (chunk.isEmpty()) {
                return;
            }
            EventStore.Written written;
            if (connection != null) {
                if (rejected == 0) {
                    store.ensurePartitions(connection, chunk);
                    written = store.write(connection, chunk, writer.method());
                } else {
                    written = new EventStore.Written(0, 0, 0, Set.of());
                }
            } else {
                written = store.commit(chunk, writer.method());
            }
            imported += written.accepted();
            duplicates += written.duplicates();
            suppressed += written.suppressed();
            chunk.clear();
            if (progress != null) {
                progress.accept(lines);
            }
        }
    }
}
