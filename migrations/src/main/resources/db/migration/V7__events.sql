-- Events: what end users did, received through the Segment-compatible API (docs/ingestion.md).

-- A source sends events with its write key (HTTP Basic user name). Only a SHA-256 of the key is stored.
create table event_source (
    id             bigserial primary key,
    name           text        not null unique,
    write_key_hash text        not null unique,
    write_key_hint text        not null,
    created_by     text        not null,
    created_at     timestamptz not null default now(),
    last_used_at   timestamptz,
    disabled_at    timestamptz
);

-- No sequence cache: a cached range per connection would hand out ids far from insertion order, and readers page
-- incrementally by id (EventQuery.afterId).
create sequence event_id_seq;

-- ts: event time after clock-skew correction (timestamp + (received_at - sent_at) when sent_at is given);
-- original_ts: the timestamp (or originalTimestamp) as the sender gave it, null when it gave none.
-- Partitioned by event time (after clock-skew correction), one partition per calendar month (UTC), named
-- event_yYYYYmMM. Partitions are created ahead of time by event_ensure_partitions (at migration, by the
-- maintenance task, and by writers for older or later months they meet, such as a historical import).
-- There is deliberately no default partition: a row outside every partition is an error, never a silent home.
create table event (
    id           bigint      not null default nextval('event_id_seq'),
    source_id    bigint,
    message_id   text        not null,
    type         text        not null check (type in ('track', 'identify', 'page', 'screen', 'group', 'alias')),
    name         text,
    user_id      text,
    anonymous_id text,
    group_id     text,
    previous_id  text,
    ts           timestamptz not null,
    original_ts  timestamptz,
    sent_at      timestamptz,
    received_at  timestamptz not null,
    properties   jsonb,
    traits       jsonb,
    context      jsonb,
    integrations jsonb,
    check (user_id is not null or anonymous_id is not null)
) partition by range (ts);

create index event_user_idx on event (user_id) where user_id is not null;
create index event_anonymous_idx on event (anonymous_id) where anonymous_id is not null;
create index event_id_idx on event (id);

-- One row per (source, messageId) accepted within the dedupe window (operon.core.ingest.dedupe-window), written
-- in the same transaction as the event: the primary key makes deduplication exact across concurrent writers and
-- restarts. source_key is the event's source id, 0 for events without a source (plugins, imports without one).
-- Entries older than the window are purged by core.events-maintenance (and overwritten when a message id returns
-- after its window). BRIN because received_at grows with insertion order: cheap to maintain, enough for the purge.
create table event_dedupe (
    source_key  bigint      not null,
    message_id  text        not null,
    received_at timestamptz not null,
    primary key (source_key, message_id)
);
create index event_dedupe_received_idx on event_dedupe using brin (received_at);

-- Creates the missing monthly partitions covering [p_from, p_to]; returns how many it created. Safe to call
-- concurrently (an advisory lock serialises creators).
create function event_ensure_partitions(p_from timestamptz, p_to timestamptz) returns int
language plpgsql as $$
declare
    month_start date := date_trunc('month', p_from at time zone 'UTC')::date;
    last_month  date := date_trunc('month', p_to at time zone 'UTC')::date;
    part_name   text;
    created     int := 0;
begin
    perform pg_advisory_xact_lock(hashtext('event_ensure_partitions'));
    while month_start <= last_month loop
        part_name := format('event_y%sm%s', to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
        if to_regclass(part_name) is null then
            execute format('create table %I partition of event for values from (%L) to (%L)', part_name,
                           (month_start::timestamp at time zone 'UTC'),
                           ((month_start + interval '1 month')::timestamp at time zone 'UTC'));
            created := created + 1;
        end if;
        month_start := (month_start + interval '1 month')::date;
    end loop;
    return created;
end $$;

select event_ensure_partitions(now() - interval '1 month', now() + interval '3 months');
