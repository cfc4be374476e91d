-- The console's dashboard reads runs by creation time (today's runs by state, runs per hour over the last day):
-- without this index both scanned the whole run table (about 220 ms p50 for the dashboard with 10k runs, bench/run.sh
-- console, docs/benchmarks.md).
create index if not exists run_created_idx on run (created_at);
