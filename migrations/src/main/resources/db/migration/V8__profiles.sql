-- Profiles: one per end user, merged across their ids (docs/profiles.md, ADR 0007). Events are never rewritten:
-- an event belongs to the profile its user id resolves to through profile_identity, or, when it has no user id,
-- the profile its anonymous id resolves to.

create sequence profile_id_seq;

-- A profile that lost a merge stays as a tombstone (merged_into set, everything else moved to the winner), so
-- that its old id keeps resolving to the winner. merged_into always names a live profile (chains are compressed).
create table profile (
    id          bigint      primary key default nextval('profile_id_seq'),
    user_id     text,
    merged_into bigint      references profile (id),
    -- current traits, and per trait the event time and event id of the value that won (latest wins)
    traits      jsonb       not null default '{}',
    trait_times jsonb       not null default '{}',
    -- explicit consent choices (purpose -> boolean) and when each was made; defaults apply to absent purposes
    consent     jsonb       not null default '{}',
    consent_times jsonb     not null default '{}',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index profile_merged_into_idx on profile (merged_into) where merged_into is not null;
create index profile_updated_idx on profile (updated_at) where merged_into is null;
create index profile_traits_idx on profile using gin (traits jsonb_path_ops);

-- Every id a profile is known by: kind 'user' (user ids) or 'anonymous' (anonymous ids).
create table profile_identity (
    kind       text        not null check (kind in ('user', 'anonymous')),
    value      text        not null,
    profile_id bigint      not null references profile (id),
    first_event_id bigint,
    created_at timestamptz not null default now(),
    primary key (kind, value)
);
create index profile_identity_profile_idx on profile_identity (profile_id);
-- lookups by id whatever its kind (the updater's batches, resolve)
create index profile_identity_value_idx on profile_identity (value);

-- Every merge, for history and export: the loser's ids now resolve to the winner.
create table profile_merge (
    id         bigserial   primary key,
    loser_id   bigint      not null,
    winner_id  bigint      not null,
    reason     text        not null,
    event_id   bigint,
    merged_at  timestamptz not null default now()
);
create index profile_merge_winner_idx on profile_merge (winner_id);
create index profile_merge_loser_idx on profile_merge (loser_id);

-- Every trait assignment seen (applied = it became the current value; a stale, older one is kept but not applied).
create table profile_trait_history (
    id          bigserial   primary key,
    profile_id  bigint      not null,
    trait       text        not null,
    old_value   jsonb,
    new_value   jsonb,
    applied     boolean     not null,
    source      text        not null,
    event_id    bigint,
    event_time  timestamptz,
    recorded_at timestamptz not null default now()
);
create index profile_trait_history_profile_idx on profile_trait_history (profile_id, id);
-- reprocessing an event (the updater re-reads a short overlap) must not add a second row
create unique index profile_trait_history_event_idx on profile_trait_history (event_id, trait)
    where event_id is not null;

create table profile_consent_history (
    id          bigserial   primary key,
    profile_id  bigint      not null,
    purpose     text        not null,
    old_value   boolean,
    new_value   boolean,
    applied     boolean     not null,
    source      text        not null,
    event_id    bigint,
    event_time  timestamptz,
    recorded_at timestamptz not null default now()
);
create index profile_consent_history_profile_idx on profile_consent_history (profile_id, id);
create unique index profile_consent_history_event_idx on profile_consent_history (event_id, purpose)
    where event_id is not null;

-- Computed features (ProfileFeatures); counts: {"<event>": [last 7 days, last 30, last 90]}, only non-zero ones.
create table profile_features (
    profile_id      bigint      primary key references profile (id),
    first_seen      timestamptz,
    last_seen       timestamptz,
    events          bigint      not null,
    sessions        bigint      not null,
    counts          jsonb       not null,
    frequency       bigint      not null,
    monetary        double precision not null,
    last_revenue_at timestamptz,
    computed_at     timestamptz not null
);

-- Values plugins store on profiles (Profiles.putScores), under '<plugin-id>.<name>'.
create table profile_score (
    profile_id bigint      not null references profile (id),
    name       text        not null,
    plugin_id  text        not null,
    score      jsonb       not null,
    updated_at timestamptz not null default now(),
    primary key (profile_id, name)
);

-- The incremental updater's state (one row): its event id cursor, the ids it already processed just below the
-- cursor (re-read as an overlap because ids can commit out of order), and when the sliding windows were last
-- refreshed. Batches lock this row, which also serialises them with erasures.
create table profile_update_state (
    id               int         primary key check (id = 1),
    cursor_id        bigint      not null default 0,
    seen_ids         bigint[]    not null default '{}',
    windows_at       timestamptz,
    last_run_at      timestamptz,
    default_task_registered boolean not null default false
);
insert into profile_update_state (id) values (1);

-- Privacy: erasure requests (docs/privacy.md). The subject's raw ids are kept only while a part is still pending
-- (so that it can be retried) and cleared when every part succeeded; the audit log gets hashes only.
create table privacy_erasure (
    id           bigserial   primary key,
    subject_hash text        not null,
    status       text        not null check (status in ('pending', 'completed', 'partial')),
    subject      jsonb,
    parts        jsonb       not null default '{}',
    requested_by text        not null,
    requested_at timestamptz not null default now(),
    completed_at timestamptz
);
create index privacy_erasure_subject_idx on privacy_erasure (subject_hash);

-- Hashed ids of erased subjects: events carrying one are dropped by the profile updater (and by ingestion when it
-- checks), so an erased user does not come back through late or resent events.
create table privacy_suppression (
    id_hash    text        primary key,
    erasure_id bigint      not null,
    created_at timestamptz not null default now()
);
