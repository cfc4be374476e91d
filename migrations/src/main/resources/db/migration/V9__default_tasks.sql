-- Task definitions the platform created by itself (core schedules and plugins' TaskType.defaultCron), by name:
-- each is created once per database, so an operator's later change, disabling or deletion stands.
create table default_task (
    name          text primary key,
    registered_at timestamptz not null default now()
);
