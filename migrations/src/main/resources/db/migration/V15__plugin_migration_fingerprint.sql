-- What a plugin's migrations folder held when its Flyway migration last succeeded on this database: a start that
-- finds the same folder skips Flyway for that plugin (Flyway's scan and validation are a tenth of a start).
create table plugin_migration_fingerprint (
    plugin_id   text primary key,
    fingerprint text        not null,
    migrated_at timestamptz not null default now()
);
