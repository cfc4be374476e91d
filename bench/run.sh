#!/usr/bin/env bash
# Runs one end-to-end benchmark against the packaged platform:
#   bench/run.sh startup   [warm=5 adopted=3 idle=30 variants='default;no-cds:OPERON_CDS=false;c1:OPERON_JAVA_OPTS=-XX:TieredStopAtLevel=1']
#   bench/run.sh scheduler [n=2000 warmup=200 rounds=3 variants='new;old:REPO=/path/to/other/checkout']
#   bench/run.sh latency   [tasks=50 seconds=60]
#   bench/run.sh ingest    [batch=500 clients=8 batches=200 rounds=3 copyRows=5000 resend=40 method=copy|insert env="NAME=v;..."]
#   bench/run.sh profiles  [events=1000000 users=100000]
#   bench/run.sh console   [runs=10000 audit=100000 tasks=500 events=20000 requests=100 warmup=20 clients=8]
#   bench/run.sh telco-churn [data=/work/shared/data/telco-churn/Telco-Customer-Churn.csv splitSeed=20261130]
#   bench/run.sh cdnow-clv   [data=/work/shared/data/cdnow]
# Common options: skipBuild=true (reuse the last build), keep=true (keep the data folder), limit=<seconds>.
# Builds with ./mvnw -q -DskipTests package from the repository root first. Results: bench/target/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ $# -lt 1 ]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
if [[ " $* " != *" skipBuild=true "* ]]; then
  ./mvnw -q -B -DskipTests package
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" -Xmx256m -cp "bench/target/classes:bench/target/lib/*" dev.operon.bench.Bench "$@" repo="$root"
