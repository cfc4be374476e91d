package dev.operon.core.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tuning of sign-in checks: {@code operon.core.security.*}. */
@ConfigMapping(prefix = "operon.core.security")
public interface SecurityConfig {

    /** How long a verified operator password is remembered, so HTTP Basic does not pay bcrypt on every call. */
    @WithDefault("5M")
    Duration loginCacheTtl();

    /** Failed sign-ins for one user name within {@link #loginFailureWindow()} after which sign-in is refused. */
    @WithDefault("5")
    int maxLoginFailures();

    @WithDefault("15M")
    Duration loginFailureWindow();

    /** At most one write of an API key's {@code last_used_at} per key within this interval. */
    @WithDefault("1M")
    Duration keyLastUsedInterval();
}
