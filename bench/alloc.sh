#!/usr/bin/env bash
# bench/alloc.sh — bytes the event loops allocate per request, from JFR's per-thread allocation
# counters (jdk.ThreadAllocationStatistics at the start and end of a wrk run): the garbage a hot
# path makes, which req/s on a shared machine cannot show.
#
# usage: bench/alloc.sh [-d SECONDS] [-r ROUNDS] [--env "VAR=VALUE ..."]
#   one playground (1 proxy, 1 target) with that environment (e.g. JAIS_METRICS=off); measured,
#   ROUNDS times each after a warm-up: 16 KiB GETs from the target that are answered on the event
#   loop (wrk -c8) and GETs against the proxy, i.e. its 301s (wrk -c8). Prints bytes per request.
#   ALLOC_PORT (default 19580), WORK (default /tmp/jais-alloc).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DUR=5; ROUNDS=3; ENVS=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) DUR=$2; shift 2 ;;
    -r) ROUNDS=$2; shift 2 ;;
    --env) ENVS=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
need wrk wrk
trap stop_all EXIT INT TERM
JFR=$(ls -d /usr/lib/jvm/*25*/bin/jfr 2>/dev/null | head -1)
[[ -x "$JFR" ]] || die "jfr of a JDK 25 not found"
JCMD=${JFR%/jfr}/jcmd
WORK=${WORK:-/tmp/jais-alloc}; rm -rf "$WORK"; mkdir -p "$WORK"; : >"$WORK/loader.log"
JAIS_ENV=$ENVS start_jais "$WORK/jais" "${ALLOC_PORT:-19580}" 1
loader -e "$JAIS_EP" -b al --pctput 100 --ops 8 --names seq --objects 8 -s 16KiB -w 2 --prefix s/ >/dev/null
OBJ="$JAIS_EP/v1/objects/al/s/0000000000?provider=ais"
LOC=$(curl -s -o /dev/null -w '%{redirect_url}' "$OBJ")
wrk -t1 -c8 -d5s "$LOC" >/dev/null; wrk -t1 -c8 -d5s "$OBJ" >/dev/null

# per_request URL — bytes allocated on the event loops per request of a wrk run
per_request() {
  local url=$1 n rps
  "$JCMD" "$JAIS_PID" JFR.start name=alloc settings=default >/dev/null
  read -r rps _ _ < <(wrk_run "$url" 8 "$DUR")
  "$JCMD" "$JAIS_PID" JFR.dump name=alloc filename="$WORK/alloc.jfr" >/dev/null
  "$JCMD" "$JAIS_PID" JFR.stop name=alloc >/dev/null
  "$JFR" print --json --events jdk.ThreadAllocationStatistics "$WORK/alloc.jfr" >"$WORK/alloc.json"
  python3 - "$WORK/alloc.json" "$rps" "$DUR" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["recording"]["events"]
first, last = {}, {}
for e in events:
    v = e["values"]
    name = (v.get("thread") or {}).get("javaName") or ""
    if not name.startswith("jais-io"):
        continue
    first.setdefault(name, v["allocated"])
    last[name] = v["allocated"]
total = sum(last[t] - first[t] for t in last)
requests = float(sys.argv[2]) * float(sys.argv[3])
print(f"{total / requests:.0f}" if requests > 0 else "0")
PY
}
declare -A R
for r in $(seq 1 "$ROUNDS"); do
  R[get16]="${R[get16]:-} $(per_request "$LOC")"
  R[redirect]="${R[redirect]:-} $(per_request "$OBJ")"
  log "round $r: get16 ${R[get16]##* } B/req, redirect ${R[redirect]##* } B/req"
done
echo "environment: ${ENVS:-(none)}"
echo "target 16 KiB GET, event-loop bytes per request:${R[get16]}"
echo "proxy redirect, event-loop bytes per request:${R[redirect]}"
