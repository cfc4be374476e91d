package dev.operon.core.ingest;

import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the event store in shape: partitions ahead of time, retention (whole old partitions dropped, the rows of
 * the partition the cutoff falls in deleted), and dedupe entries past their window purged.
 */
@ApplicationScoped
public class EventMaintenance {

    private static final Pattern PARTITION = Pattern.compile("event_y(\\d{4})m(\\d{2})");

    @Inject
    Jdbc jdbc;

    @Inject
    EventStore store;

    @Inject
    IngestConfig config;

    /** Creates the partitions from last month to {@code ahead} months after this one; returns how many it created. */
    public int ensureAhead(int ahead, Instant now) throws SQLException {
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Instant from = month.minusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(ahead).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return store.ensurePartitions(from, to);
    }

    /** The months that have a partition, oldest first. */
    public List<YearMonth> partitions() {
        return jdbc.list("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'event'::regclass order by c.relname""",
                rs -> month(rs.getString(1)).orElse(null)).stream().filter(m -> m != null).toList();
    }

    /** The retention cutoff for {@code now}, or empty when events are kept forever. */
    public Optional<Instant> cutoff(Instant now) {
        return config.retention().filter(d -> !d.isZero() && !d.isNegative()).map(now::minus);
    }

    /** Drops every partition wholly older than {@code cutoff}; returns how many. */
    public int dropPartitionsBefore(Instant cutoff) {
        int dropped = 0;
        for (YearMonth month : partitions()) {
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!end.isAfter(cutoff)) {
                jdbc.update("drop table if exists " + name(month));
                dropped++;
            }
        }
        if (dropped > 0) {
            store.forgetPartitions();
        }
        return dropped;
    }

    /** Deletes at most {@code batch} events older than {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff, int batch) {
        YearMonth month = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC));
        if (!partitions().contains(month)) {
            return 0;
        }
        // only the partition the cutoff falls in can hold such rows once older ones are dropped
        return jdbc.update("delete from " + name(month) + " where ctid = any(array(select ctid from " + name(month)
                + " where ts < ? limit ?))", cutoff, batch);
    }

    /** Deletes at most {@code batch} dedupe entries older than the window; returns how many. */
    public int purgeDedupe(Instant now, int batch) {
        Instant before = now.minus(config.dedupeWindow()).truncatedTo(ChronoUnit.MICROS);
        return jdbc.update("delete from event_dedupe where ctid = any(array(select ctid from event_dedupe"
                + " where received_at < ? limit ?))", before, batch);
    }

    static String name(YearMonth month) {
        return String.format("event_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    static Optional<YearMonth> month(String partition) {
        Matcher matcher = PARTITION.matcher(partition);
        return matcher.matches()
                ? Optional.of(YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))))
                : Optional.empty();
    }
}
