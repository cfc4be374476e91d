-- Segments: rules, memberships, entered/exited changes, size history, refresh state.
CREATE TABLE behaviour_segment (
    id           bigserial PRIMARY KEY,
    name         text        NOT NULL UNIQUE,
    description  text        NOT NULL DEFAULT '',
    rule         text        NOT NULL,               -- the rule as JSON text (see README, "Rule language")
    depends_on   bigint[]    NOT NULL DEFAULT '{}',  -- segments the rule refers to
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text        NOT NULL,
    -- set when the rule is new or changed: the next refresh evaluates every profile
    needs_full   boolean     NOT NULL DEFAULT true,
    member_count bigint      NOT NULL DEFAULT 0,
    refreshed_at timestamptz
);

CREATE TABLE behaviour_segment_member (
    segment_id bigint      NOT NULL REFERENCES behaviour_segment (id) ON DELETE CASCADE,
    profile_id bigint      NOT NULL,
    entered_at timestamptz NOT NULL,
    PRIMARY KEY (segment_id, profile_id)
);
CREATE INDEX behaviour_segment_member_profile ON behaviour_segment_member (profile_id);

-- Entered and exited, in order; emitted = the Segment Entered/Exited event was appended to the event store.
CREATE TABLE behaviour_segment_change (
    id         bigserial PRIMARY KEY,
    segment_id bigint      NOT NULL,
    segment_name text      NOT NULL,
    profile_id bigint      NOT NULL,
    change     text        NOT NULL CHECK (change IN ('entered', 'exited')),
    reason     text        NOT NULL,
    at         timestamptz NOT NULL,
    emitted    boolean     NOT NULL DEFAULT false
);
CREATE INDEX behaviour_segment_change_segment ON behaviour_segment_change (segment_id, at);
CREATE INDEX behaviour_segment_change_profile ON behaviour_segment_change (profile_id);
CREATE INDEX behaviour_segment_change_pending ON behaviour_segment_change (id) WHERE NOT emitted;

-- One point per segment and refresh.
CREATE TABLE behaviour_segment_size (
    segment_id bigint      NOT NULL REFERENCES behaviour_segment (id) ON DELETE CASCADE,
    at         timestamptz NOT NULL,
    size       bigint      NOT NULL,
    PRIMARY KEY (segment_id, at)
);

-- When a profile's answer to some rule changes by the passing of time alone (a window expires): re-evaluate then.
CREATE TABLE behaviour_segment_due (
    profile_id bigint      PRIMARY KEY,
    due_at     timestamptz NOT NULL
);
CREATE INDEX behaviour_segment_due_at ON behaviour_segment_due (due_at);

-- Cursors of the incremental refresh.
CREATE TABLE behaviour_state (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- Personas: one row per persona of the latest training, and each profile's assignment.
CREATE TABLE behaviour_persona (
    persona     int         PRIMARY KEY,
    trained_at  timestamptz NOT NULL,
    size        bigint      NOT NULL,
    label       text        NOT NULL,
    stats       text        NOT NULL  -- JSON: top events, mean features, example traits
);

CREATE TABLE behaviour_persona_assignment (
    profile_id  bigint           PRIMARY KEY,
    persona     int              NOT NULL,
    distance    double precision NOT NULL,
    assigned_at timestamptz      NOT NULL
);
CREATE INDEX behaviour_persona_assignment_persona ON behaviour_persona_assignment (persona);
