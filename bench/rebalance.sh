#!/usr/bin/env bash
# bench/rebalance.sh — global rebalance when a target joins, against cp of the same files.
#
#   bench/rebalance.sh [--count N] [--size BYTES] [--targets T]   (default 3000 objects of 64 KiB, 2 targets)
#
# A playground with T targets (2 mountpaths each) gets N objects through the AIS Python SDK; then
# one more target (its own process, `jais node`) joins and the primary starts a rebalance. When it
# has ended on every target, its snapshots give the objects and bytes sent and the time from the
# first target's start to the last one's end. The ideal is what the new target holds afterwards
# (every object HRW gives it, nothing else); the baseline is `cp -r` of exactly those files on the
# same disk, in the same run. Prints objects/s and MiB/s of both, and bytes moved / ideal
# (goal <= 1.05). Everything is on loopback and one disk: the numbers compare the software with
# cp, not networks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNT=3000
SIZE=65536
TARGETS=2
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) COUNT=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --targets) TARGETS=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
DIR=${BENCH_DIR:-/tmp/jais-bench-rebalance}
PORT=${BENCH_PORT:-29480}
BUCKET=bench-reb
trap stop_all EXIT
need curl curl
need python3 python3
SDK_ENV=$("$ROOT/scripts/python-sdk-env.sh" | tail -1) || die "AIS Python SDK not available"
# shellcheck disable=SC1090
source "$SDK_ENV" >/dev/null

rm -rf "$DIR"
mkdir -p "$DIR"
start_jais "$DIR" "$PORT" "$TARGETS"
curl -sf -X POST -H 'Content-Type: application/json' -d '{"action":"create-bck"}' \
  "$JAIS_EP/v1/buckets/$BUCKET?provider=ais" >/dev/null || die "cannot create the bucket"
log "filling $COUNT objects of $SIZE bytes"
"$AIS_SDK_PYTHON" "$ROOT/bench/rebalance/fill.py" "$JAIS_EP" "$BUCKET" "$COUNT" "$SIZE"

status() { curl -s -X GET -H 'Content-Type: application/json' -d '{"kind":"rebalance"}' "$JAIS_EP/v1/cluster?what=status"; }
before=$(status | python3 -c 'import json,sys; print(json.load(sys.stdin).get("uuid",""))' 2>/dev/null || true)

NEW="$DIR/new-target"
mkdir -p "$NEW/mp1" "$NEW/mp2"
cat >"$NEW/config.json" <<JSON
{"role":"target","node_id":"tbench","host":"127.0.0.1","public_host":"","port":$((PORT + 77)),
 "meta_dir":"$NEW/meta","mountpaths":["$NEW/mp1","$NEW/mp2"],"primary_url":"$JAIS_EP",
 "control_port":0,"data_port":0,"cluster_secret_file":"$DIR/data/cluster.secret","log_dir":""}
JSON
log "starting one more target"
JAIS_JAVA_OPTS="${JAIS_BENCH_JAVA_OPTS:-}" "$ROOT/jais" node --config "$NEW/config.json" >"$NEW/node.log" 2>&1 &
PIDS+=("$!")

id=""
for _ in $(seq 1 1200); do
  out=$(status)
  id=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["uuid"] if d.get("end_time",0) and not d.get("aborted") and not d.get("err") else "")' "$out" 2>/dev/null || true)
  [[ -n "$id" && "$id" != "$before" ]] && break
  id=""
  sleep 0.1
done
[[ -n "$id" ]] || die "no rebalance completed in 120 s (last status: $out)"
read -r objs bytes secs < <(curl -s -X GET -H 'Content-Type: application/json' -d "{\"id\":\"$id\"}" \
  "$JAIS_EP/v1/cluster?what=qryxstats" | python3 "$ROOT/bench/rebalance/report.py")

# the ideal: exactly what the new target owns now
ideal_objs=$(find "$NEW"/mp*/@ais/"$BUCKET"/%ob -type f | wc -l)
ideal_bytes=$(find "$NEW"/mp*/@ais/"$BUCKET"/%ob -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
[[ "$ideal_objs" -gt 0 ]] || die "the new target holds nothing"

# the baseline: cp of the same files, same disk, same run
mkdir -p "$DIR/cp"
sync
s=$(date +%s.%N)
cp -r "$NEW"/mp1/@ais/"$BUCKET"/%ob "$DIR/cp/mp1"
cp -r "$NEW"/mp2/@ais/"$BUCKET"/%ob "$DIR/cp/mp2"
sync
e=$(date +%s.%N)
cp_secs=$(echo "$e - $s" | bc -l)

mib() { echo "$1 / 1048576 / $2" | bc -l; }
printf '\n%-10s %8s %10s %10s %10s\n' "" objects "MiB" seconds "obj/s"
printf '%-10s %8d %10.1f %10.3f %10.0f   %8.1f MiB/s\n' "rebalance" "$objs" "$(echo "$bytes/1048576" | bc -l)" "$secs" \
  "$(echo "$objs / $secs" | bc -l)" "$(mib "$bytes" "$secs")"
printf '%-10s %8d %10.1f %10.3f %10.0f   %8.1f MiB/s\n' "cp -r" "$ideal_objs" "$(echo "$ideal_bytes/1048576" | bc -l)" \
  "$cp_secs" "$(echo "$ideal_objs / $cp_secs" | bc -l)" "$(mib "$ideal_bytes" "$cp_secs")"
printf 'rebalance %s: moved %d objects / %d bytes; ideal %d objects / %d bytes; bytes moved / ideal = %.3f (goal <= 1.05)\n' \
  "$id" "$objs" "$bytes" "$ideal_objs" "$ideal_bytes" "$(echo "$bytes / $ideal_bytes" | bc -l)"
printf '(%d objects of %d bytes, %d -> %d targets, 2 mountpaths each, loopback, one disk)\n' "$COUNT" "$SIZE" "$TARGETS" \
  "$((TARGETS + 1))"
stop_all
rm -rf "$DIR"
