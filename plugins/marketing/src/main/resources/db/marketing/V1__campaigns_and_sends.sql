-- Campaigns: what to send, to whom, when; approved by a second operator before they can be scheduled.
CREATE TABLE marketing_campaign (
    id                    bigserial PRIMARY KEY,
    name                  text        NOT NULL UNIQUE,
    status                text        NOT NULL CHECK (status IN ('draft', 'approved', 'scheduled', 'completed', 'killed')),
    channel               text        NOT NULL CHECK (channel IN ('email', 'webhook', 'inapp')),
    segment_id            text,                       -- behaviour segment id; null: whoever triggers (trigger only)
    audience_mode         text        NOT NULL CHECK (audience_mode IN ('snapshot', 'live')),
    schedule_kind         text        NOT NULL CHECK (schedule_kind IN ('once', 'cron', 'trigger')),
    send_at               timestamptz,
    cron                  text,
    trigger_event         text,
    trigger_delay_seconds bigint      NOT NULL DEFAULT 0,
    webhook_url           text,
    holdout_percent       double precision NOT NULL DEFAULT 0,
    allocation            text        NOT NULL CHECK (allocation IN ('fixed', 'thompson')),
    goal_event            text,
    goal_window_seconds   bigint      NOT NULL DEFAULT 604800,
    auto_winner           boolean     NOT NULL DEFAULT false,
    winner                text,
    created_by            text        NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    approved_by           text,
    approved_at           timestamptz,
    next_run_at           timestamptz,                -- when the dispatcher plans the next run (once, cron)
    trigger_cursor        bigint      NOT NULL DEFAULT 0,  -- last trigger event id read
    killed_by             text,
    killed_at             timestamptz
);

-- Message variants; a campaign has at least one. The holdout (control) gets nothing.
CREATE TABLE marketing_variant (
    campaign_id bigint           NOT NULL REFERENCES marketing_campaign (id) ON DELETE CASCADE,
    name        text             NOT NULL,
    weight      double precision NOT NULL CHECK (weight > 0),
    subject     text             NOT NULL DEFAULT '',
    html        text,
    body        text             NOT NULL,
    PRIMARY KEY (campaign_id, name)
);

-- One run of a campaign (the one-off send, one cron occurrence, the trigger stream): planned atomically.
CREATE TABLE marketing_run (
    campaign_id bigint      NOT NULL REFERENCES marketing_campaign (id) ON DELETE CASCADE,
    run_key     text        NOT NULL,
    planned_at  timestamptz NOT NULL DEFAULT now(),
    audience    bigint      NOT NULL,
    PRIMARY KEY (campaign_id, run_key)
);

-- One message (or holdout assignment) per campaign run and profile. The row and its idempotency key are committed
-- before the channel is called ('sending'), so a retry after a crash never picks a second key for the same message.
CREATE TABLE marketing_send (
    id              bigserial PRIMARY KEY,
    campaign_id     bigint      NOT NULL REFERENCES marketing_campaign (id) ON DELETE CASCADE,
    run_key         text        NOT NULL,
    profile_id      bigint      NOT NULL,
    variant         text        NOT NULL,
    channel         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('planned', 'deferred', 'sending', 'sent', 'retry', 'failed',
                                                           'bounced', 'skipped', 'holdout')),
    reason          text,
    idempotency_key text        NOT NULL UNIQUE,
    attempts        int         NOT NULL DEFAULT 0,
    planned_at      timestamptz NOT NULL DEFAULT now(),
    due_at          timestamptz NOT NULL,
    contact_at      timestamptz,                      -- set while it counts against the contact budget
    sent_at         timestamptz,
    recipient       text,
    detail          text,
    UNIQUE (campaign_id, run_key, profile_id)
);
CREATE INDEX marketing_send_work ON marketing_send (campaign_id, status, due_at);
CREATE INDEX marketing_send_contacts ON marketing_send (profile_id, contact_at) WHERE contact_at IS NOT NULL;
CREATE INDEX marketing_send_sent ON marketing_send (sent_at) WHERE sent_at IS NOT NULL;

-- Nobody on this list is sent anything on the channel ('*': every channel).
CREATE TABLE marketing_suppression (
    profile_id bigint      NOT NULL,
    channel    text        NOT NULL,
    reason     text        NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (profile_id, channel)
);

CREATE TABLE marketing_bounce (
    id         bigserial PRIMARY KEY,
    send_id    bigint,
    profile_id bigint      NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('hard', 'soft')),
    detail     text        NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX marketing_bounce_profile ON marketing_bounce (profile_id);

-- The in-app message feed, read through the 'inbox' operation.
CREATE TABLE marketing_inbox (
    id          bigserial PRIMARY KEY,
    send_id     bigint      NOT NULL UNIQUE,
    profile_id  bigint      NOT NULL,
    campaign_id bigint      NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz
);
CREATE INDEX marketing_inbox_profile ON marketing_inbox (profile_id, id);

-- Small plugin-wide values (the unsubscribe signing key when none is configured).
CREATE TABLE marketing_state (
    key   text PRIMARY KEY,
    value text NOT NULL
);
