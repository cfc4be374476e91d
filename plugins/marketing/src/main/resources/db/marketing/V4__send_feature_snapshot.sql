-- Uplift features as they were when the message was planned (treated and holdout alike), so that training does not
-- read the profile as it is later (activity after the message, the goal itself, leaking into the features).
-- Written for campaigns with a goal event; NULL for older rows and for campaigns without a goal.
ALTER TABLE marketing_send ADD COLUMN features jsonb;
