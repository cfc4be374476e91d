package dev.operon.core.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers {@link PostgresResource} and {@link PluginsFolderResource} for every {@code @QuarkusTest} in this module
 * (Quarkus applies an unrestricted test resource globally, so one declaration is enough).
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PluginsFolderResource.class)
public final class WithPostgres {

    private WithPostgres() {
    }
}
