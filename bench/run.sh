#!/usr/bin/env bash
# Runs one end-to-end benchmark against the packaged platform:
#   bench/run.sh startup   [warm=5 adopted=3 idle=30 variants='default;no-cds:OPERON_CDS=false;c1:OPERON_JAVA_OPTS=-XX:TieredStopAtLevel=1']
#   bench/run.sh scheduler [n=2000 warmup=200 rounds=3 variants='new;old:REPO=/path/to/other/checkout']
#   bench/run.sh latency   [tasks=50 seconds=60]
#   bench/run.sh ingest    [batch=500 clients=8 batches=200 rounds=3 copyRows=5000 resend=40 method=copy|copy-text|insert env="NAME=v;..." sql="..." readyMinutes=3 http=1.1|2]
#   bench/run.sh profiles  [events=1000000 users=100000 env="NAME=v;..." readyMinutes=3]
#   bench/run.sh console   [runs=10000 audit=100000 tasks=500 events=20000 requests=100 warmup=20 clients=8]
#   bench/run.sh segments  [events=1000000 users=100000 seed=7 readyMinutes=3]
#   bench/run.sh telco-churn [data=/work/shared/data/telco-churn/Telco-Customer-Churn.csv splitSeed=20261130]
#   bench/run.sh cdnow-clv   [data=/work/shared/data/cdnow]
#   bench/run.sh marketing   [users=100000 mails=5000 concurrency=1,4,8 receivers=noop,sink,greenmail]   (test kit; SMTP sink in its own JVM, GreenMail in process)
#   bench/run.sh nab         [data=/work/shared/data/nab detectors=ensemble,mad,... threads=2]
#   bench/run.sh anomaly-speed [data=/work/shared/data/nab rounds=3]
#   bench/run.sh movielens   [data=/work/shared/data/movielens-100k seed=2020 models=... sequentialModels=... cli=true
#                             validationOnly=false stackParts=... (the learned re-ranker; models=none runs it alone)]
#   bench/run.sh banking77   [data=/work/shared/data/banking77/banking_data settings=full,10-shot speed=true fineTuneEpochs=<the CLI default>]
#   bench/run.sh banking77-finetune [settings=10-shot,full epochs=<settings' own> threads=<cores> latencyMessages=500 speed=true]
#                                   [weights=<checkpoint .f16> compare=true: the served pipeline over saved weights]
#   bench/run.sh rec-serving [items=10000 dim=64 rate=200 seconds=20 rounds=3 threads=2]
#   bench/run.sh cluster-load [nodes=3 schedules=1000 seconds=600 maxSeconds=60 load=0.8 clients=6 batch=100 apiRate=10]
#   bench/run.sh kafka-ingest [records=400 batch=500 partitions=2 drainMinutes=10]   (broker in the harness's JVM)
# Common options: skipBuild=true (reuse the last build), keep=true (keep the data folder), limit=<seconds>.
# Builds with ./mvnw -q -DskipTests package from the repository root first. Results: bench/target/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ $# -lt 1 ]; then
  sed -n '2,/^# Builds/p' "$0" >&2
  sed -n '2,13p' "$0" >&2
  exit 2
fi
if [[ " $* " != *" skipBuild=true "* ]]; then
  ./mvnw -q -B -DskipTests package
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ "$1" = "marketing" ]; then
  shift
  exec "$java_bin" -Xmx2g -cp "bench/target/classes:bench/target/lib/*" dev.operon.bench.marketing.MarketingBench "$@"
fi
heap=256m
# the recommendation models hold items x items matrices and DJL's Java-side buffers
if [ "$1" = "movielens" ]; then heap=1g; fi
# fine-tuning holds the encoder's weights (90 MB) a few times over on the Java side
if [ "$1" = "banking77-finetune" ]; then heap=3g; fi
# the cluster load check holds every accepted messageId to count what was stored
if [ "$1" = "cluster-load" ]; then heap=2g; fi
if [ "$1" = "kafka-ingest" ]; then heap=1g; fi
exec "$java_bin" "-Xmx$heap" -cp "bench/target/classes:bench/target/lib/*" dev.operon.bench.Bench "$@" repo="$root"
