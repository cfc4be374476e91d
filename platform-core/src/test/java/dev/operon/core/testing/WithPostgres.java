package dev.operon.core.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers {@link PostgresResource} for every {@code @QuarkusTest} in this module (Quarkus applies an
 * unrestricted test resource globally, so one declaration is enough).
 */
@QuarkusTestResource(PostgresResource.class)
public final class WithPostgres {

    private WithPostgres() {
    }
}
