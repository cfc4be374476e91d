-- The item catalogue: one row per item, with the properties business rules use (category, price) and any others.
CREATE TABLE recommend_item (
    item_id    text             PRIMARY KEY,
    title      text,
    category   text,
    price      double precision,
    available  boolean          NOT NULL DEFAULT true,
    properties jsonb            NOT NULL DEFAULT '{}'::jsonb,
    updated_at timestamptz      NOT NULL
);
CREATE INDEX recommend_item_category ON recommend_item (category);

-- Every recommendation served (not previews): what was shown to whom, by which model and A/B variant. The id
-- travels in the properties of impression and click events as recommendation_id.
CREATE TABLE recommend_served (
    id         uuid        PRIMARY KEY,
    profile_id bigint,
    user_key   text        NOT NULL,
    model      text        NOT NULL,
    variant    text        NOT NULL,
    items      text[]      NOT NULL,
    cold_start boolean     NOT NULL,
    served_at  timestamptz NOT NULL
);
CREATE INDEX recommend_served_profile ON recommend_served (profile_id);
CREATE INDEX recommend_served_user ON recommend_served (user_key);
CREATE INDEX recommend_served_at ON recommend_served (served_at);

-- A/B assignment of a user, recorded at the first recommendation served under an experiment (salt).
CREATE TABLE recommend_assignment (
    user_key    text        NOT NULL,
    experiment  text        NOT NULL,
    profile_id  bigint,
    variant     text        NOT NULL,
    assigned_at timestamptz NOT NULL,
    PRIMARY KEY (user_key, experiment)
);
CREATE INDEX recommend_assignment_profile ON recommend_assignment (profile_id);

-- Popular and trending items per segment ('' = everybody), from recommend.popularity-refresh: cold start.
CREATE TABLE recommend_popular (
    segment     text             NOT NULL,
    item_id     text             NOT NULL,
    score       double precision NOT NULL,
    computed_at timestamptz      NOT NULL,
    PRIMARY KEY (segment, item_id)
);

-- Online metrics per day, model and variant, from recommend.feedback-aggregate.
CREATE TABLE recommend_online_metric (
    day         date             NOT NULL,
    model       text             NOT NULL,
    variant     text             NOT NULL,
    served      bigint           NOT NULL,
    impressions bigint           NOT NULL,
    clicks      bigint           NOT NULL,
    coverage    double precision NOT NULL,
    novelty     double precision NOT NULL,
    computed_at timestamptz      NOT NULL,
    PRIMARY KEY (day, model, variant)
);
