package dev.operon.core.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the audit log: one record, a page of a filtered query, or a filtered stream for export. */
@ApplicationScoped
public class AuditStore {

    /** Rows PostgreSQL sends per round trip while streaming. */
    static final int FETCH_SIZE = 1000;

    /** Receives streamed records; may fail writing them out. */
    @FunctionalInterface
    public interface Sink {
        void accept(AuditRecord record) throws IOException;
    }

    @Inject
    AgroalDataSource dataSource;

    public Optional<AuditRecord> find(long seq) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + AuditRecord.COLUMNS + " from audit_record where seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(AuditRecord.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read audit record " + seq + ": " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} records matching {@code filter}, newest first or oldest first. */
    public List<AuditRecord> page(AuditFilter filter, int limit, boolean newestFirst) {
        StringBuilder sql = new StringBuilder("select " + AuditRecord.COLUMNS + " from audit_record where true");
        List<Object> params = new ArrayList<>();
        filter.appendConditions(sql, params);
        sql.append(newestFirst ? " order by seq desc" : " order by seq").append(" limit ?");
        params.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, sql, params);
             ResultSet rs = select.executeQuery()) {
            List<AuditRecord> records = new ArrayList<>(Math.min(limit, 100));
            while (rs.next()) {
                records.add(AuditRecord.read(rs));
            }
            return records;
        } catch (SQLException e) {
            throw new IllegalStateException("could not query the audit log: " + e.getMessage(), e);
        }
    }

    /**
     * Sends every record matching {@code filter} to {@code sink} in seq order, {@link #FETCH_SIZE} rows at a time
     * from one snapshot, never holding more than one batch in memory. Returns how many were sent.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public long stream(AuditFilter filter, Sink sink) throws IOException {
        StringBuilder sql = new StringBuilder("select " + AuditRecord.COLUMNS + " from audit_record where true");
        List<Object> params = new ArrayList<>();
        filter.appendConditions(sql, params);
        sql.append(" order by seq");
        try {
            return ReadSnapshot.read(dataSource, connection -> {
                try (PreparedStatement select = prepare(connection, sql, params)) {
                    select.setFetchSize(FETCH_SIZE);
                    long sent = 0;
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(AuditRecord.read(rs));
                            sent++;
                        }
                    }
                    return sent;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, CharSequence sql, List<Object> params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
