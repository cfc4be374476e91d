-- A campaign with schedule 'journey' is content only: journeys plan its messages, one per user and send step.
-- A campaign with schedule 'incident' sends one run to its segment each time an anomaly incident opens.
ALTER TABLE marketing_campaign DROP CONSTRAINT marketing_campaign_schedule_kind_check;
ALTER TABLE marketing_campaign ADD CONSTRAINT marketing_campaign_schedule_kind_check
    CHECK (schedule_kind IN ('once', 'cron', 'trigger', 'journey', 'incident'));

-- Incident openings received on the channel marketing.incident (an anomaly rule's target), one per campaign.
CREATE TABLE marketing_incident (
    campaign_id bigint      NOT NULL REFERENCES marketing_campaign (id) ON DELETE CASCADE,
    incident_id text        NOT NULL,
    subject     text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, incident_id)
);

-- Multi-step journeys: users enter on an event, walk the steps, leave at an exit step or when they reach the goal.
CREATE TABLE marketing_journey (
    id               bigserial PRIMARY KEY,
    name             text        NOT NULL UNIQUE,
    status           text        NOT NULL CHECK (status IN ('draft', 'active', 'stopped')),
    entry_event      text        NOT NULL,
    entry_segment_id text,                            -- with entry_event 'Segment Entered': only this segment
    goal_event       text,                            -- reaching it ends the journey for the user
    first_step       text        NOT NULL,
    entry_cursor     bigint      NOT NULL DEFAULT 0,  -- last entry event id read
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    activated_at     timestamptz,
    stopped_at       timestamptz
);

-- The steps of a journey; 'next', 'yes', 'no' and the branches name other steps of the same journey.
CREATE TABLE marketing_journey_step (
    journey_id     bigint NOT NULL REFERENCES marketing_journey (id) ON DELETE CASCADE,
    step           text   NOT NULL,
    position       int    NOT NULL,
    kind           text   NOT NULL CHECK (kind IN ('send', 'wait', 'condition', 'split', 'exit')),
    campaign_id    bigint REFERENCES marketing_campaign (id),
    wait_seconds   bigint,                            -- wait: how long; condition: the window T
    event          text,                              -- condition: did this event happen within T
    next_step      text,
    yes_step       text,
    no_step        text,
    branches       text,                              -- split: 'percent:step,percent:step'
    PRIMARY KEY (journey_id, step)
);

-- Where each user is. One row per journey and user: a user walks a journey once.
CREATE TABLE marketing_journey_member (
    journey_id  bigint      NOT NULL REFERENCES marketing_journey (id) ON DELETE CASCADE,
    profile_id  bigint      NOT NULL,
    status      text        NOT NULL CHECK (status IN ('active', 'done', 'goal')),
    step        text        NOT NULL,
    step_since  timestamptz NOT NULL,
    due_at      timestamptz NOT NULL,
    entered_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    path        text        NOT NULL DEFAULT '',      -- the steps taken, for the journey view
    PRIMARY KEY (journey_id, profile_id)
);
CREATE INDEX marketing_journey_member_due ON marketing_journey_member (journey_id, status, due_at);
