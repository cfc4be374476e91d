package dev.operon.core.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An API key (table {@code api_key}): only a SHA-256 of its secret is kept. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public String keyId;

    /** Hex SHA-256 of the secret part of the key. */
    public String secretHash;

    /** Comma-separated scope names, sorted. */
    public String scopes;

    /** The actor that created it, {@code type:id}. */
    public String createdBy;

    public Instant createdAt;

    public Instant lastUsedAt;

    public Instant revokedAt;

    List<Scope> scopeList() {
        return Scope.listOf(scopes);
    }
}
