package dev.operon.core.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A local operator account (table {@code operator}). */
@Entity
@Table(name = "operator")
public class Operator extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    public String passwordHash;

    public String role;

    public boolean enabled;

    public Instant createdAt;

    public Instant lastLoginAt;

    public static Optional<Operator> byUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
