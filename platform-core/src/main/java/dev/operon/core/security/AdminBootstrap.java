package dev.operon.core.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On server (and test) start, makes sure someone can sign in: see {@link FirstAdmin}. Skipped by the CLI, which
 * must never print a password as a side effect of another command.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @Inject
    FirstAdmin firstAdmin;

    @ConfigProperty(name = "operon.admin-password")
    Optional<String> adminPassword;

    @ConfigProperty(name = "operon.core.node.cli", defaultValue = "false")
    boolean cli;

    void onStart(@Observes StartupEvent event) {
        if (cli) {
            return;
        }
        Optional<String> configured = adminPassword.filter(p -> !p.isEmpty());
        firstAdmin.createIfNone(configured).ifPresent(created -> {
            if (created.generatedPassword().isPresent()) {
                String line = "=".repeat(78);
                LOG.warnf("%n%s%n  FIRST START: created operator '%s' (role admin) with the generated password%n"
                                + "      %s%n  It is shown only this once. Sign in and change it"
                                + " (PATCH /api/v1/operators/%s), or set OPERON_ADMIN_PASSWORD before the first start.%n%s",
                        line, created.username(), created.generatedPassword().get(), created.username(), line);
            } else {
                LOG.infof("first start: created operator '%s' (role admin) with the password from"
                        + " operon.admin-password", created.username());
            }
        });
    }
}
