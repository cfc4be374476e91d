#!/usr/bin/env bash
# Console page timings against a running platform: signs in through the form, then times each page with curl
# (time_total: loopback, whole response), WARM unmeasured and N measured requests, one at a time.
set -euo pipefail
base=$1; n=${2:-40}; warm=${3:-5}
jar=$(mktemp)
token=$(curl -s -c "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode username=admin \
  --data-urlencode password=bench-admin-password-1 --data-urlencode "_csrf=$token" --data-urlencode next=/ "$base/login")
[ "$code" = 303 ] || { echo "sign-in answered $code" >&2; exit 1; }
run=$(curl -s -u admin:bench-admin-password-1 "$base/api/v1/runs?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
seq=$(curl -s -u admin:bench-admin-password-1 "$base/api/v1/audit?limit=1" | grep -o '"seq":[0-9]*' | head -1 | cut -d: -f2)
ev=$(curl -s -u admin:bench-admin-password-1 "$base/api/v1/events?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
from=$(date -u -d '1 day ago' +%F)
pages=("dashboard|/" "tasks|/tasks" "runs list|/runs" "runs, succeeded|/runs?state=succeeded" "run detail|/runs/$((run / 2))"
  "audit list|/audit" "audit, action run.*|/audit?action=run.*"
  "audit, action+actor+outcome+time|/audit?action=task.*&actorType=operator&actorId=admin&outcome=success&from=$from"
  "audit, target|/audit?target=run:$((run / 3))" "audit record|/audit/$((seq / 2))" "plugins|/plugins" "models|/models"
  "events|/events" "events, name|/events?name=Order%20Completed" "event detail|/events/$((ev / 2))"
  "profiles|/profiles")
echo "| page | path | p50 (ms) | p95 (ms) | max (ms) | p95 < 100 ms |"
echo "|---|---|---|---|---|---|"
for entry in "${pages[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  for ((i = 0; i < warm; i++)); do curl -s -o /dev/null -b "$jar" "$base$path"; done
  times=()
  for ((i = 0; i < n; i++)); do
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$jar" "$base$path")
    [ "${out%% *}" = 200 ] || { echo "$path answered ${out%% *}" >&2; exit 1; }
    times+=("${out#* }")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v path="$path" '{ t[NR] = $1 * 1000 } END {
    p50 = t[int((NR * 50 + 99) / 100)]; p95 = t[int((NR * 95 + 99) / 100)];
    printf "| %s | `%s` | %.1f | %.1f | %.1f | %s |\n", name, path, p50, p95, t[NR], (p95 < 100 ? "pass" : "FAIL") }'
done
rm -f "$jar"
