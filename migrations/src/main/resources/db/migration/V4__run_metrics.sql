-- Series a run reports while it works (loss per epoch, score per step), shown with the run.
create table run_metric (
    run_id  bigint           not null references run (id) on delete cascade,
    series  text             not null,
    step    int              not null,
    value   double precision not null,
    at      timestamptz      not null default now(),
    primary key (run_id, series, step)
);
