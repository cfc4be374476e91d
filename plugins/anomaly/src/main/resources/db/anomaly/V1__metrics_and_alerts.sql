-- Series: one per metric name and label set, pushed through the API or derived from events.
CREATE TABLE anomaly_series (
    id            bigserial PRIMARY KEY,
    name          text             NOT NULL,
    labels        jsonb            NOT NULL DEFAULT '{}',
    labels_key    text             NOT NULL,          -- canonical "k=v,k=v" (keys sorted): the identity with name
    source        text             NOT NULL CHECK (source IN ('pushed', 'derived')),
    detector      text,                               -- null: the plugin's default detector
    sensitivity   double precision NOT NULL DEFAULT 1.0,
    scored_until  timestamptz,                        -- time of the last scored point; later points are new
    created_at    timestamptz      NOT NULL DEFAULT now(),
    updated_at    timestamptz      NOT NULL DEFAULT now(),
    UNIQUE (name, labels_key)
);

-- Points, range-partitioned by month on their time (partitions are created ahead by the plugin: Partitions.java).
-- score is null until the scoring task scored the point; it is never rewritten afterwards.
CREATE TABLE anomaly_point (
    series_id   bigint           NOT NULL,
    ts          timestamptz      NOT NULL,
    value       double precision NOT NULL,
    score       double precision,
    received_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (series_id, ts)
) PARTITION BY RANGE (ts);

-- Series derived from events: a measure of matching events per minute or hour.
CREATE TABLE anomaly_derived_series (
    series_id      bigint      PRIMARY KEY REFERENCES anomaly_series (id) ON DELETE CASCADE,
    event_name     text        NOT NULL,
    measure        text        NOT NULL CHECK (measure IN ('count', 'unique_users', 'sum')),
    property       text,                              -- summed property for 'sum'
    bucket         text        NOT NULL CHECK (bucket IN ('minute', 'hour')),
    filters        jsonb       NOT NULL DEFAULT '{}', -- event property equals value, all of them
    computed_until timestamptz NOT NULL               -- buckets before this are final and stored
);

-- Alert rules: which series (name and/or labels), how anomalous, for how long, how severe, whom to tell.
CREATE TABLE anomaly_rule (
    id                    bigserial PRIMARY KEY,
    name                  text             NOT NULL UNIQUE,
    series_name           text,                        -- null: every series matching the labels
    label_match           jsonb            NOT NULL DEFAULT '{}',
    threshold             double precision NOT NULL CHECK (threshold > 0 AND threshold <= 1),
    min_duration_seconds  integer          NOT NULL CHECK (min_duration_seconds >= 0),
    resolve_after_seconds integer          NOT NULL CHECK (resolve_after_seconds >= 0),
    severity              text             NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    enabled               boolean          NOT NULL DEFAULT true,
    created_at            timestamptz      NOT NULL DEFAULT now(),
    updated_at            timestamptz      NOT NULL DEFAULT now()
);

CREATE TABLE anomaly_rule_target (
    rule_id   bigint NOT NULL REFERENCES anomaly_rule (id) ON DELETE CASCADE,
    channel   text   NOT NULL,                         -- a Channels id: notify.webhook, notify.email
    recipient text   NOT NULL,                         -- URL or e-mail address
    format    text   NOT NULL DEFAULT 'json',          -- webhook payload: json, slack, feishu, dingtalk
    PRIMARY KEY (rule_id, channel, recipient)
);

-- Where each series stands against each rule between points: the current run of anomalous points.
CREATE TABLE anomaly_rule_state (
    series_id       bigint      NOT NULL REFERENCES anomaly_series (id) ON DELETE CASCADE,
    rule_id         bigint      NOT NULL REFERENCES anomaly_rule (id) ON DELETE CASCADE,
    above_since     timestamptz,                       -- first point of the current anomalous run, null if none
    last_above_at   timestamptz,
    PRIMARY KEY (series_id, rule_id)
);

CREATE TABLE anomaly_incident (
    id                bigserial PRIMARY KEY,
    series_id         bigint           NOT NULL REFERENCES anomaly_series (id) ON DELETE CASCADE,
    rule_id           bigint           NOT NULL REFERENCES anomaly_rule (id) ON DELETE CASCADE,
    state             text             NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
    severity          text             NOT NULL,
    started_at        timestamptz      NOT NULL,       -- first anomalous point of the episode
    opened_at         timestamptz      NOT NULL,       -- the point that made it last long enough
    last_anomalous_at timestamptz      NOT NULL,
    peak_score        double precision NOT NULL,
    anomalous_points  integer          NOT NULL,
    silenced_by       bigint,                          -- the silence active when it opened: nobody was told
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    resolved_at       timestamptz,
    resolved_by       text,
    feedback          text CHECK (feedback IN ('false_positive', 'confirmed'))
);
-- One incident per series and rule per episode: at most one that is not resolved.
CREATE UNIQUE INDEX anomaly_incident_one_active ON anomaly_incident (series_id, rule_id) WHERE state <> 'resolved';
CREATE INDEX anomaly_incident_recent ON anomaly_incident (opened_at DESC);

-- Every transition of every incident, automatic or by an operator.
CREATE TABLE anomaly_incident_change (
    id          bigserial PRIMARY KEY,
    incident_id bigint      NOT NULL REFERENCES anomaly_incident (id) ON DELETE CASCADE,
    from_state  text,
    to_state    text        NOT NULL,
    actor       text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    note        text
);

-- Silences and maintenance windows: one-off (starts_at .. ends_at) or recurring (cron + duration in a time zone,
-- optionally bounded by starts_at .. ends_at).
CREATE TABLE anomaly_silence (
    id               bigserial PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('silence', 'maintenance')),
    series_name      text,
    label_match      jsonb       NOT NULL DEFAULT '{}',
    starts_at        timestamptz,
    ends_at          timestamptz,
    cron             text,
    duration_seconds integer,
    time_zone        text        NOT NULL DEFAULT 'UTC',
    comment          text        NOT NULL DEFAULT '',
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((cron IS NULL AND starts_at IS NOT NULL AND ends_at IS NOT NULL)
        OR (cron IS NOT NULL AND duration_seconds > 0))
);

-- The outbox: one row per incident transition and rule target, written with the transition, delivered with
-- retries and back-off. The idempotency key makes a redelivery after a crash recognisable by the receiver.
CREATE TABLE anomaly_notification (
    id              bigserial PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES anomaly_incident (id) ON DELETE CASCADE,
    transition      text        NOT NULL,
    channel         text        NOT NULL,
    recipient       text        NOT NULL,
    format          text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    state           text        NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX anomaly_notification_due ON anomaly_notification (next_attempt_at) WHERE state = 'pending';

-- Operator feedback on incidents and what it did to the series' sensitivity.
CREATE TABLE anomaly_feedback (
    id                 bigserial PRIMARY KEY,
    incident_id        bigint           NOT NULL UNIQUE REFERENCES anomaly_incident (id) ON DELETE CASCADE,
    series_id          bigint           NOT NULL,
    verdict            text             NOT NULL CHECK (verdict IN ('false_positive', 'confirmed')),
    note               text             NOT NULL DEFAULT '',
    actor              text             NOT NULL,
    sensitivity_before double precision NOT NULL,
    sensitivity_after  double precision NOT NULL,
    at                 timestamptz      NOT NULL DEFAULT now()
);
