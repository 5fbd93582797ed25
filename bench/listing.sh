#!/usr/bin/env bash
# bench/listing.sh — listing a big flat bucket end to end, against a sorted `find` of the same files.
#
#   bench/listing.sh [--count N] [--keep]     (default 1,000,000 objects of 1 KiB under train/)
#
# One target with one mountpath (so the files under its %ob are the whole bucket). The bucket is
# created through the API, one object is PUT, and bench/listing/fill.py copies it (content and
# metadata attribute, which names nothing) to the other names: a minute or two per million; --keep keeps the data dir
# (BENCH_DIR, default /tmp/jais-bench-listing) for the next run, which then skips the fill.
# Then, cold (page cache dropped, when /proc/sys/vm/drop_caches is writable) and warm:
#   find   `find %ob -type f | LC_ALL=C sort`: the baseline
#   ais    the AIS Python SDK, list_objects_iter, pages of 10,000 and of 1,000 (default props: name, size),
#          and name-only (props "name", pages of 10,000: no object metadata read)
#   s3     ListObjectsV2 in pages of 1,000: boto3's paginator, and raw HTTP (requests + a regex)
# and prints each time with its ratio to find's in the same cache state (>= 0.50 is the goal).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNT=1000000
KEEP=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) COUNT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
DIR=${BENCH_DIR:-/tmp/jais-bench-listing}
PORT=${BENCH_PORT:-29380}
BUCKET=bench-list
trap stop_all EXIT
need curl curl
need python3 python3


SDK_ENV=$("$ROOT/scripts/python-sdk-env.sh" | tail -1) || die "AIS Python SDK not available"
# shellcheck disable=SC1090
source "$SDK_ENV" >/dev/null

filled="$DIR/filled-$COUNT"
if [[ ! -f "$filled" ]]; then
  rm -rf "$DIR"
fi
mkdir -p "$DIR"
start_jais_listing() {
  JAIS_JAVA_OPTS="${JAIS_BENCH_JAVA_OPTS:-}" "$ROOT/jais" playground --port "$PORT" --targets 1 --mountpaths 1 \
    --dir "$DIR/data" >"$DIR/playground.log" 2>&1 &
  JAIS_PID=$!
  PIDS+=("$JAIS_PID")
  for _ in $(seq 1 600); do
    grep -q "JAIS is ready" "$DIR/playground.log" && break
    kill -0 "$JAIS_PID" 2>/dev/null || { cat "$DIR/playground.log" >&2; die "playground died"; }
    sleep 0.1
  done
  grep -q "JAIS is ready" "$DIR/playground.log" || die "playground not ready in 60 s"
  JAIS_EP="http://127.0.0.1:$PORT"
}
start_jais_listing
MP=$(ls -d "$DIR"/data/target-0/mp*/ | head -1)
OB="$MP@ais/$BUCKET/%ob"
if [[ ! -f "$filled" ]]; then
  curl -sf -X POST -H 'Content-Type: application/json' -d '{"action":"create-bck"}' \
    "$JAIS_EP/v1/buckets/$BUCKET?provider=ais" >/dev/null || die "cannot create the bucket"
  log "filling $COUNT objects of 1 KiB into $OB"
  head -c 1024 /dev/zero >"$DIR/seed.bin"
  curl -sf -X PUT --data-binary @"$DIR/seed.bin" "$JAIS_EP/v1/objects/$BUCKET/train/000001.jpg?provider=ais" \
    -L >/dev/null || die "cannot put the seed object"
  python3 "$ROOT/bench/listing/fill.py" "$OB" train/000001.jpg train/ "$COUNT"
  touch "$filled"
fi

drop_caches() {
  sync
  if echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then return 0; fi
  return 1
}

declare -A T
run_find() { local s e; s=$(date +%s.%N); find "$OB" -type f | LC_ALL=C sort | wc -l >/dev/null; e=$(date +%s.%N); echo "$COUNT $(echo "$e - $s" | bc)"; }
run_ais() { "$AIS_SDK_PYTHON" "$ROOT/bench/listing/list_ais.py" "$JAIS_EP" "$BUCKET" "$1" "${2:-}"; }
run_s3() { "$AIS_SDK_PYTHON" "$ROOT/bench/listing/list_s3.py" "$JAIS_EP/s3" "$BUCKET" "$1"; }

measure() { # measure STATE NAME COMMAND... — runs it (cold: after dropping caches), checks the count
  local state=$1 name=$2; shift 2
  if [[ $state == cold ]]; then drop_caches; fi
  local out n secs
  out=$("$@")
  n=${out% *}; secs=${out#* }
  [[ "$n" == "$COUNT" ]] || die "$name listed $n objects, expected $COUNT"
  T["$state $name"]=$secs
  log "$state $name: $secs s"
}

if drop_caches; then STATES="cold warm"; else log "cannot drop the page cache here: warm runs only"; STATES="warm"; fi
for state in $STATES; do
  if [[ $state == warm ]]; then run_find >/dev/null; run_ais 10000 >/dev/null; fi # warm everything up
  measure "$state" find run_find
  measure "$state" "ais-sdk 10000/page" run_ais 10000
  measure "$state" "ais-sdk 1000/page" run_ais 1000
  measure "$state" "ais-sdk name-only" run_ais 10000 name
  measure "$state" "s3 boto3 1000/page" run_s3 boto3
  measure "$state" "s3 raw 1000/page" run_s3 raw
done

printf '\n%-6s %-20s %9s %12s\n' state listing seconds "find/it"
for state in $STATES; do
  for name in find "ais-sdk 10000/page" "ais-sdk 1000/page" "ais-sdk name-only" "s3 boto3 1000/page" "s3 raw 1000/page"; do
    secs=${T["$state $name"]}
    printf '%-6s %-20s %9.2f %12.2f\n' "$state" "$name" "$secs" "$(echo "${T["$state find"]} / $secs" | bc -l)"
  done
done
printf '(%s objects of 1 KiB under one prefix; one target, one mountpath; find/it >= 0.50 is the goal)\n' "$COUNT"
if [[ $KEEP == 0 ]]; then stop_all; rm -rf "$DIR"; fi
