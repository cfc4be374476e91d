-- Uplift targeting: 'positive-uplift' plans only the segment members the uplift model predicts to be persuadable.
ALTER TABLE marketing_campaign
    ADD COLUMN target text NOT NULL DEFAULT 'all' CHECK (target IN ('all', 'positive-uplift'));

-- Sends skipped at planning are not rows; the run records how many members the targeting left out.
ALTER TABLE marketing_run ADD COLUMN dropped_no_uplift bigint NOT NULL DEFAULT 0;
