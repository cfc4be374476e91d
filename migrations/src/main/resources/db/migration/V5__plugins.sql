-- Plugins: what admins changed without redeploying. Every node reads these at start and again whenever
-- plugin_sync.version moves (checked every few seconds), so a change reaches the whole cluster quickly.

-- Enabled or disabled by an admin; a plugin without a row is enabled.
create table plugin_state (
    plugin_id  text primary key,
    enabled    boolean     not null,
    changed_by text        not null,
    changed_at timestamptz not null default now()
);

-- Configuration values set by an admin; they override operon.plugin.<id>.<key> and the declared default.
-- Secrets are stored here as given (protect the database as you protect the environment that holds other
-- credentials); the API never returns them and the audit log never records them.
create table plugin_config (
    plugin_id  text        not null,
    key        text        not null,
    value      text        not null,
    changed_by text        not null,
    changed_at timestamptz not null default now(),
    primary key (plugin_id, key)
);

-- One row: bumped by every enable, disable, configuration change and rescan.
create table plugin_sync (
    id      int    primary key check (id = 1),
    version bigint not null
);
insert into plugin_sync (id, version) values (1, 0);
