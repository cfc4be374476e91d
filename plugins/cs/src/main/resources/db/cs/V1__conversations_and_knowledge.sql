-- Customer service: conversations, messages (text always redacted before it gets here), operators, canned responses
-- and macros, SLA breaches, knowledge-base articles with their embeddings, training examples.

CREATE TABLE cs_operator (
    name             text PRIMARY KEY,
    capacity         integer NOT NULL CHECK (capacity >= 0),
    active           boolean NOT NULL DEFAULT true,
    last_assigned_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cs_conversation (
    id                     bigserial PRIMARY KEY,
    channel                text NOT NULL,
    customer_id            text NOT NULL,
    profile_id             bigint,
    language               text NOT NULL,
    state                  text NOT NULL CHECK (state IN ('bot', 'human', 'resolved')),
    intent                 text,
    confidence             double precision,
    model_version          integer,
    sentiment              double precision,
    angry                  boolean NOT NULL DEFAULT false,
    urgent                 boolean NOT NULL DEFAULT false,
    handoff_reason         text,
    operator               text REFERENCES cs_operator (name),
    first_response_due     timestamptz NOT NULL,
    resolution_due         timestamptz NOT NULL,
    first_response_at      timestamptz,
    resolved_at            timestamptz,
    first_response_breach  timestamptz,
    resolution_breach      timestamptz,
    csat                   integer CHECK (csat BETWEEN 1 AND 5),
    csat_comment           text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cs_conversation_open ON cs_conversation (state, created_at) WHERE state <> 'resolved';
CREATE INDEX cs_conversation_customer ON cs_conversation (channel, customer_id);
CREATE INDEX cs_conversation_profile ON cs_conversation (profile_id);

CREATE TABLE cs_message (
    id              bigserial PRIMARY KEY,
    conversation_id bigint NOT NULL REFERENCES cs_conversation (id) ON DELETE CASCADE,
    direction       text NOT NULL CHECK (direction IN ('in', 'out')),
    author          text NOT NULL,
    text            text NOT NULL,
    external_id     text,
    intent          text,
    confidence      double precision,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cs_message_conversation ON cs_message (conversation_id, id);
CREATE UNIQUE INDEX cs_message_external ON cs_message (conversation_id, external_id) WHERE external_id IS NOT NULL;

-- a canned response is a reply text; with resolve = true (or a state) it is a macro applied in one step
CREATE TABLE cs_canned_response (
    name       text PRIMARY KEY,
    text       text NOT NULL,
    intent     text,
    resolve    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cs_article (
    id         bigserial PRIMARY KEY,
    title      text NOT NULL,
    body       text NOT NULL,
    intent     text,
    language   text NOT NULL,
    embedding  real[] NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cs_training_example (
    id              bigserial PRIMARY KEY,
    text            text NOT NULL,
    label           text NOT NULL,
    source          text NOT NULL CHECK (source IN ('import', 'correction')),
    conversation_id bigint REFERENCES cs_conversation (id) ON DELETE SET NULL,
    corrected_by    text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cs_training_example_conversation ON cs_training_example (conversation_id);

-- one row per training run of cs.intent: what the model metrics panel shows (the confusion matrix on validation)
CREATE TABLE cs_training_run (
    run_id              bigint PRIMARY KEY,
    trained_at          timestamptz NOT NULL DEFAULT now(),
    examples            integer NOT NULL,
    labels              integer NOT NULL,
    validation_rows     integer NOT NULL,
    validation_accuracy double precision,
    threshold           double precision NOT NULL,
    confusion           text NOT NULL
);
