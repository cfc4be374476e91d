package dev.operon.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Appends to the hash-chained audit log, inside the caller's transaction: a change and its audit record commit or
 * roll back together. Appenders serialise on the single {@code audit_head} row, which gives the chain one order
 * across every node of a cluster.
 *
 * <p>One append is one SQL statement: it locks the head row, takes the time from the database clock, computes the
 * record's hash ({@link AuditHash}'s canonical form, built in SQL) over the previous hash, inserts the record and
 * moves the head. The head row is therefore locked only from that statement to the end of the caller's
 * transaction, never across a client round trip in between; {@link AuditHash} checks every stored hash on verify.
 *
 * <p>The head row stays locked until the caller's transaction ends, so record the event last in a transaction and
 * commit soon after. To record a failure whose own transaction rolls back, call {@link #record} after that
 * transaction has ended (it then runs in a transaction of its own).
 */
@ApplicationScoped
public class AuditService {

    /** SQL for one field of the canonical form: {@code <UTF-8 byte length>:<value>|}, or {@code -1:|} when null. */
    private static String field(String expression) {
        return "coalesce(octet_length(convert_to(" + expression + ", 'UTF8')) || ':' || " + expression
                + " || '|', '-1:|')";
    }

    /**
     * The append. {@code input} binds the record's fields once; {@code head} locks the head row (in READ COMMITTED
     * a waiter gets the row as its predecessor committed it) and takes the time under that lock, so times follow
     * seq order; {@code rec} computes the hash; the insert and the head move follow in the same statement.
     */
    static final String APPEND = "with input as (select ?::text as actor_type, ?::text as actor_id,"
            + " ?::text as action, ?::text as target, ?::text as outcome, ?::text as request_id, ?::text as before,"
            + " ?::text as after, ?::text as details),"
            + " head as (select seq + 1 as seq, hash as prev_hash, date_trunc('microseconds', clock_timestamp()) as at"
            + " from audit_head where id = 1 for update),"
            + " rec as (select head.seq, head.at, input.*, head.prev_hash, encode(sha256(convert_to("
            + field("head.seq::text") + " || "
            + field("to_char(head.at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')") + " || "
            + field("input.actor_type") + " || " + field("input.actor_id") + " || " + field("input.action") + " || "
            + field("input.target") + " || " + field("input.outcome") + " || " + field("input.request_id") + " || "
            + field("input.before") + " || " + field("input.after") + " || " + field("input.details") + " || "
            + field("head.prev_hash") + ", 'UTF8')), 'hex') as hash from head, input),"
            + " ins as (insert into audit_record (" + AuditRecord.COLUMNS + ") select seq, at, actor_type, actor_id,"
            + " action, target, outcome, request_id, before, after, details, prev_hash, hash from rec"
            + " returning seq, hash)"
            + " update audit_head set seq = ins.seq, hash = ins.hash from ins where audit_head.id = 1"
            + " returning ins.seq";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** Records one event; joins the current transaction or starts one. Returns the record's sequence number. */
    @Transactional
    public long record(AuditEvent event) {
        String before = AuditJson.canonical(mapper, event.before());
        String after = AuditJson.canonical(mapper, event.after());
        String details = AuditJson.canonical(mapper, event.details());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement append = connection.prepareStatement(APPEND)) {
            append.setString(1, event.actor().type().wire());
            append.setString(2, storable(event.actor().id()));
            append.setString(3, event.action());
            append.setString(4, storable(event.target()));
            append.setString(5, event.outcome());
            append.setString(6, storable(event.requestId()));
            append.setString(7, before);
            append.setString(8, after);
            append.setString(9, details);
            try (ResultSet rs = append.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the audit_head row is missing; the audit log cannot be appended");
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the audit log: " + e.getMessage(), e);
        }
    }

    // PostgreSQL text cannot hold NUL; an odd name must not make the caller's whole change fail.
    private static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
