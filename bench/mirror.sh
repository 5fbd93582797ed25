#!/usr/bin/env bash
# bench/mirror.sh — PUT throughput into a 2-way mirrored bucket against a bucket without
# protection, in the same run: one playground (1 proxy, 1 target with 3 mountpaths), rounds
# alternating between the two buckets (which goes first swapping every round), medians printed.
#
# usage: bench/mirror.sh [-d SECONDS] [-r ROUNDS] [-s SIZE] [-w WORKERS]
#   defaults: 5 s rounds, 3 rounds, 1MiB objects, 4 workers (jais-loader, 100 % PUT).
#   Two numbers per bucket: PUTs as acknowledged (the loader's MiB/s), and objects stored with
#   all their copies: the mirrored round's clock runs on after the loader until the last objects
#   have their copy (the burst buffer drained), so that is what the disks sustain with copies.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DUR=5; ROUNDS=3; SIZE=1MiB; WORKERS=4
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) DUR=$2; shift 2 ;;
    -r) ROUNDS=$2; shift 2 ;;
    -s) SIZE=$2; shift 2 ;;
    -w) WORKERS=$2; shift 2 ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
trap stop_all EXIT INT TERM
WORK=${WORK:-/tmp/jais-mirror-bench}; rm -rf "$WORK"; mkdir -p "$WORK"; : >"$WORK/loader.log"
mkdir -p "$WORK/pg"
env JAIS_JAVA_OPTS="${JAIS_BENCH_JAVA_OPTS:-}" "$ROOT/jais" playground --port "${MIRROR_PORT:-19780}" --targets 1 \
  --mountpaths 3 --dir "$WORK/pg/data" >"$WORK/pg/playground.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 600); do grep -q "JAIS is ready" "$WORK/pg/playground.log" && break; sleep 0.1; done
grep -q "JAIS is ready" "$WORK/pg/playground.log" || die "playground not ready in 60 s"
EP="http://127.0.0.1:${MIRROR_PORT:-19780}"
for b in plain mirrored; do
  curl -sf -X POST "$EP/v1/buckets/$b?provider=ais" -d '{"action":"create-bck"}' >/dev/null
done
curl -sf -X PATCH "$EP/v1/buckets/mirrored?provider=ais" \
  -d '{"action":"set-bprops","value":{"mirror":{"enabled":true,"copies":2}}}' >/dev/null

# copies_pending ROUND OPS: of the last 8 objects the round wrote, how many lack their copy
copies_pending() {
  local n=0 name from=$(( $2 > 8 ? $2 - 8 : 0 ))
  for name in $(seq -f "r$1/%010g" "$from" $(( $2 - 1 ))); do
    c=$(curl -s -I "$EP/v1/objects/mirrored/$name?provider=ais" -L | tr -d '\r' | sed -n 's/^Ais-Mirror-Copies: //Ip')
    [[ "$c" == 2 ]] || n=$((n + 1))
  done
  echo $n
}
declare -A R
add() { R[$1]="${R[$1]:-} $2"; }
med() { tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
size_mib=$(awk -v b="$(bytes "$SIZE")" 'BEGIN { print b / 1048576 }')
for round in $(seq 1 "$ROUNDS"); do
  order="plain mirrored"; (( round % 2 == 0 )) && order="mirrored plain"
  for b in $order; do
    sync
    line=$(loader -e "$EP" -b "$b" --pctput 100 -d "${DUR}s" --names seq --objects 1000000 -s "$SIZE" -w "$WORKERS" --prefix "r$round/")
    ops=$(field ops "$line"); [[ -n "$ops" ]] || ops=$(awk -v r="$(field ops_per_s "$line")" -v s="$(field seconds "$line")" 'BEGIN { printf "%d", r * s }')
    t0=$(date +%s.%N)
    if [[ $b = mirrored ]]; then
      # until the last objects written have their copy: the copies of all before them are made too
      for _ in $(seq 1 600); do
        [[ $(copies_pending "$round" "$ops") == 0 ]] && break
        sleep 0.1
      done
    fi
    t1=$(date +%s.%N)
    # the loader's own seconds of PUTs, plus the wait for the last copies after it returned
    mibs=$(awk -v n="$ops" -v m="$size_mib" -v s="$(field seconds "$line")" -v a="$t0" -v b="$t1" \
      -v mirrored="$([[ $b = mirrored ]] && echo 1 || echo 0)" 'BEGIN { d = mirrored ? b - a : 0; printf "%.1f", n * m / (s + d) }')
    add "$b" "$mibs"; add "$b-acked" "$(field mib_per_s "$line")"
    log "round $round $b: $ops PUTs, $(field mib_per_s "$line") MiB/s acknowledged, $mibs MiB/s with copies made"
  done
done
echo "| bucket | PUT MiB/s (acknowledged) | MiB/s of objects stored with all their copies | rounds |"
echo "|---|---|---|---|"
for b in plain mirrored; do
  echo "| $b | $(med "$b-acked") | $(med "$b") | ${R[$b]} |"
done
echo "($SIZE objects, $WORKERS workers, ${DUR}s rounds, 1 target with 3 mountpaths on $(df --output=source "$WORK" | tail -1))"
