package dev.operon.core.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code operon.core.console.*}: the operator console's sessions. */
@ConfigMapping(prefix = "operon.core.console")
public interface ConsoleConfig {

    /** A session ends after this long without a request. */
    @WithDefault("30M")
    Duration sessionTimeout();

    /** A session ends this long after sign-in, however active. */
    @WithDefault("12H")
    Duration sessionMaxAge();

    /**
     * Secret from which the session cookie's encryption key and the CSRF tokens are derived. Every node of a cluster
     * needs the same one; unset, each start makes a random one (sessions then end when the node restarts).
     */
    Optional<String> sessionKey();

    /** Mark the session cookie {@code Secure} (set it when the console is served over HTTPS). */
    @WithDefault("false")
    boolean secureCookies();
}
