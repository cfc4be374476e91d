package dev.operon.core.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Limits failed operator sign-ins per user name, across every node: failures live in {@code login_failure}. After
 * {@code max-login-failures} failures within {@code login-failure-window} the name is refused until the oldest of
 * those failures leaves the window. Refused attempts are not failures themselves, so an attacker who keeps trying
 * cannot extend the lock forever.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Longest principal stored; longer attempted names are cut (they can never be a valid user name anyway). */
    static final int MAX_PRINCIPAL = 200;
    private static final long PURGE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SecurityConfig config;

    private volatile long lastPurgeNanos = System.nanoTime() - PURGE_EVERY_NANOS;

    static String principal(String username) {
        return username.length() > MAX_PRINCIPAL ? username.substring(0, MAX_PRINCIPAL) : username;
    }

    /** Seconds until {@code username} may try again, or empty when it is not limited. */
    public OptionalLong retryAfterSeconds(String username) {
        // the n-th newest failure inside the window is the one whose expiry lifts the limit
        String sql = """
                select ceil(extract(epoch from (at + make_interval(secs => ?) - now())))::bigint
                from login_failure
                where principal = ? and at > now() - make_interval(secs => ?)
                order by at desc offset ? limit 1""";
        long windowSeconds = config.loginFailureWindow().toSeconds();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, windowSeconds);
            query.setString(2, principal(username));
            query.setLong(3, windowSeconds);
            query.setInt(4, Math.max(0, config.maxLoginFailures() - 1));
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? OptionalLong.of(Math.max(1, rs.getLong(1))) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sign-in failures: " + e.getMessage(), e);
        }
    }

    /** Records one failure; joins the caller's transaction. */
    void recordFailure(String username, String source) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into login_failure (principal, source) values (?, ?)")) {
                insert.setString(1, principal(username));
                insert.setString(2, source);
                insert.executeUpdate();
            }
            long now = System.nanoTime();
            if (now - lastPurgeNanos > PURGE_EVERY_NANOS) {
                lastPurgeNanos = now;
                // failures older than a day count for nothing; the audit log keeps the history
                try (PreparedStatement purge = connection.prepareStatement(
                        "delete from login_failure where at < now() - make_interval(secs => ?)")) {
                    purge.setLong(1, Math.max(86_400, config.loginFailureWindow().toSeconds()));
                    purge.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a sign-in failure: " + e.getMessage(), e);
        }
    }
}
