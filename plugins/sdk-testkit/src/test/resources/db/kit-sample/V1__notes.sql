CREATE TABLE kit_sample_note (
    id   BIGSERIAL PRIMARY KEY,
    text TEXT NOT NULL
);
