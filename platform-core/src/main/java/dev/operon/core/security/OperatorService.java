package dev.operon.core.security;

import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Operator accounts: create, change, disable; every change is audited in the same transaction. */
@ApplicationScoped
public class OperatorService {

    static final String USERNAME_PATTERN = "[a-z0-9][a-z0-9._-]{1,63}";
    static final String USERNAME_RULE = "must be 2 to 64 characters: lower-case letters, digits, '.', '_' or '-',"
            + " starting with a letter or digit";
    static final String ROLE_PATTERN = "viewer|operator|admin";
    static final String ROLE_RULE = "must be one of viewer, operator, admin";

    /** Serialises changes that could remove an admin, so two of them cannot both remove "the other" last admin. */
    private static final long ADMIN_CHANGE_LOCK = 0x6f706572_61646d6eL;

    @Inject
    PasswordHasher hasher;

    @Inject
    VerifiedLogins verifiedLogins;

    @Inject
    AuditService audit;

    @Inject
    Validator validator;

    @Inject
    AgroalDataSource dataSource;

    /** What sign-in needs to know about an account. */
    record Account(String username, String passwordHash, String role, boolean enabled) {
        @Override
        public String toString() {
            return "Account[username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
        }
    }

    @Transactional
    public List<OperatorView> list() {
        return Operator.<Operator>listAll(Sort.by("username")).stream()
                .map(OperatorView::of).toList();
    }

    @Transactional
    public OperatorView get(String username) {
        return OperatorView.of(find(username));
    }

    @Transactional
    public OperatorView create(NewOperator request, Actor actor, String requestId) {
        Inputs.valid(validator, request, "the operator");
        PasswordPolicy.check("password", request.password());
        if (Operator.byUsername(request.username()).isPresent()) {
            throw ApiException.conflict("an operator named '" + request.username() + "' already exists");
        }
        Operator operator = new Operator();
        operator.username = request.username();
        operator.passwordHash = hasher.hash(request.password());
        operator.role = request.role();
        operator.enabled = true;
        operator.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            operator.persistAndFlush();
        } catch (PersistenceException e) {
            // another request created the same name between our check and our insert
            throw ApiException.conflict("an operator named '" + request.username() + "' already exists");
        }
        OperatorView view = OperatorView.of(operator);
        audit.record(AuditEvent.success(actor, "operator.create", target(operator.username))
                .withRequestId(requestId).withAfter(view.audited()));
        return view;
    }

    @Transactional
    public OperatorView update(String username, OperatorChange change, Actor actor, String requestId) {
        Inputs.valid(validator, change, "the change");
        if (change.password() != null) {
            PasswordPolicy.check("password", change.password());
        }
        return apply(username, change, "operator.update", actor, requestId);
    }

    /** Disables the account (operators are never deleted: the audit log refers to them). */
    @Transactional
    public OperatorView disable(String username, Actor actor, String requestId) {
        return apply(username, new OperatorChange(null, false, null), "operator.disable", actor, requestId);
    }

    private OperatorView apply(String username, OperatorChange change, String action, Actor actor,
                               String requestId) {
        boolean touchesAdmins = change.role() != null || change.enabled() != null;
        if (touchesAdmins) {
            lockAdminChanges();
        }
        Operator operator = Operator.<Operator>find("username", username)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("no operator named '" + username + "'"));
        OperatorView before = OperatorView.of(operator);
        List<String> changed = new ArrayList<>();
        boolean removesAdmin = operator.enabled && Roles.ADMIN.equals(operator.role)
                && ((change.role() != null && !Roles.ADMIN.equals(change.role()))
                || Boolean.FALSE.equals(change.enabled()));
        if (removesAdmin && Operator.count("role = ?1 and enabled = true and id <> ?2", Roles.ADMIN,
                operator.id) == 0) {
            throw ApiException.conflict("'" + username + "' is the last enabled admin; make another operator admin"
                    + " first");
        }
        if (change.role() != null && !change.role().equals(operator.role)) {
            operator.role = change.role();
            changed.add("role");
        }
        if (change.enabled() != null && change.enabled() != operator.enabled) {
            operator.enabled = change.enabled();
            changed.add("enabled");
        }
        if (change.password() != null) {
            operator.passwordHash = hasher.hash(change.password());
            changed.add("password");
        }
        if (changed.isEmpty()) {
            return before;
        }
        verifiedLogins.invalidate(username);
        OperatorView after = OperatorView.of(operator);
        audit.record(AuditEvent.success(actor, action, target(username)).withRequestId(requestId)
                .withBefore(before.audited()).withAfter(after.audited()).withDetails(Map.of("changed", changed)));
        return after;
    }

    /** The account for a sign-in check, read in its own short transaction. */
    @Transactional
    Optional<Account> account(String username) {
        return Operator.byUsername(username)
                .map(o -> new Account(o.username, o.passwordHash, o.role, o.enabled));
    }

    /** Notes a verified sign-in: {@code last_login_at} and the audit record commit together. */
    @Transactional
    void recordLogin(String username, String source, String requestId) {
        Operator.update("lastLoginAt = ?1 where username = ?2", Instant.now(), username);
        audit.record(new AuditEvent(Actor.operator(username), "auth.login", target(username), AuditEvent.SUCCESS,
                requestId, null, null, Map.of("method", "basic", "source", Objects.toString(source, "unknown"))));
    }

    static String target(String username) {
        return "operator:" + username;
    }

    private Operator find(String username) {
        return Operator.byUsername(username)
                .orElseThrow(() -> ApiException.notFound("no operator named '" + username + "'"));
    }

    private void lockAdminChanges() {
        // JDBC on the transaction's connection: Hibernate cannot map the void result of the lock function
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ADMIN_CHANGE_LOCK);
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock operator changes: " + e.getMessage(), e);
        }
    }
}
