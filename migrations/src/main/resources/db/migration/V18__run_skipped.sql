-- A run whose task had nothing to do yet (SDK 1.8 TaskSkipped) ends as 'skipped', apart from failures.
alter table run drop constraint run_state_check;
alter table run add constraint run_state_check
    check (state in ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed-out', 'skipped'));
