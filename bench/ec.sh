#!/usr/bin/env bash
# bench/ec.sh — erasure coding in one playground of 4 targets, in one run:
#   PUT   : jais-loader PUTs of 1 MiB objects (new names) through the proxy, into a bucket without
#           protection and into an EC 2+1 bucket (objsize_limit 0: every object sliced); rounds
#           alternate. For EC, also the time until every object's 3 slices are stored (encoding runs
#           after the PUT is answered) and the throughput counting that time.
#   GET   : curl latency of 1 MiB objects: normal ones, and EC objects whose file was deleted on
#           their owner (the GET rebuilds from 2 slices, stores the object back, then serves it).
#   codec : bench/ec-codec.sh (4+2, one core).
# Prints a markdown table; medians.
#
# usage: bench/ec.sh [-d SECONDS] [-r ROUNDS] [-n GET_OBJECTS] [--work DIR]
#   defaults: 8 s per PUT measurement, 2 rounds, 20 objects per GET kind
# Needs: curl, a JDK 25 (./jais finds it). Everything it starts is stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DUR=8; ROUNDS=2; N=20; WORK=/tmp/jais-ec-bench; PORT=19380
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) DUR=$2; shift 2 ;;
    -r) ROUNDS=$2; shift 2 ;;
    -n) N=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
need curl curl
trap stop_all EXIT INT TERM
declare -A R
add() { R[$1]="${R[$1]:-} $2"; }
med() { tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rm -rf "$WORK"; mkdir -p "$WORK"
log "starting a playground with 4 targets"
start_jais "$WORK/jais" "$PORT" 4
E=$JAIS_EP
DATA="$WORK/jais/data"
curl -sf -X POST "$E/v1/buckets/plain?provider=ais" -d '{"action":"create-bck"}' >/dev/null
curl -sf -X POST "$E/v1/buckets/ecb?provider=ais" -d '{"action":"create-bck"}' >/dev/null
curl -sf -X PATCH "$E/v1/buckets/ecb?provider=ais" \
  -d '{"action":"set-bprops","value":{"ec":{"enabled":true,"data_slices":2,"parity_slices":1,"objsize_limit":0}}}' >/dev/null

slices() { find "$DATA" -path "*/@ais/ecb/%ec/*" -type f -not -path "*/.work/*" -not -name '.*' 2>/dev/null | wc -l; }

put_round() { # bucket prefix
  local out="$WORK/put.out" line
  "$ROOT/jais" loader --interval 0 -e "$E" -b "$1" --no-reuse --pctput 100 --names seq -s 1MiB -w 8 -d "${DUR}s" \
    --prefix "$2" >"$out" 2>&1 || { cat "$out" >&2; die "loader failed"; }
  line=$(grep '^result op=PUT' "$out" | head -1)
  [[ -n "$line" ]] || { cat "$out" >&2; die "no PUT result"; }
  echo "$line"
}

for round in $(seq 1 "$ROUNDS"); do
  for kind in plain ec; do
    if [[ $kind == plain ]]; then
      line=$(put_round plain "r$round/")
      add plain "$(field mib_per_s "$line")"
    else
      before=$(slices)
      t0=$(date +%s.%N)
      line=$(put_round ecb "r$round/")
      ops=$(field ops "$line"); secs=$(field seconds "$line")
      want=$(( before + 3 * ops ))
      for _ in $(seq 1 1200); do [[ $(slices) -ge $want ]] && break; sleep 0.1; done
      [[ $(slices) -ge $want ]] || die "slices not all stored after 120 s: $(slices) of $want"
      t1=$(date +%s.%N)
      add ec "$(field mib_per_s "$line")"
      add ecall "$(awk -v n="$ops" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", n / (b - a) }')"
      add drain "$(awk -v a="$t0" -v b="$t1" -v s="$secs" 'BEGIN { printf "%.2f", (b - a) - s }')"
    fi
    log "round $round $kind: $line"
  done
done

log "GET latency: $N normal objects, $N rebuilt ones"
head -c 1048576 /dev/urandom >"$WORK/obj"
before=$(slices)
for i in $(seq 1 "$N"); do
  curl -sfL -X PUT "$E/v1/objects/plain/g-$i?provider=ais" --data-binary @"$WORK/obj" >/dev/null
  curl -sfL -X PUT "$E/v1/objects/ecb/g-$i?provider=ais" --data-binary @"$WORK/obj" >/dev/null
done
for _ in $(seq 1 1200); do [[ $(slices) -ge $(( before + 3 * N )) ]] && break; sleep 0.1; done
[[ $(slices) -ge $(( before + 3 * N )) ]] || die "slices of the GET objects not stored"
for i in $(seq 1 "$N"); do
  curl -s -o /dev/null "$E/v1/objects/plain/g-$i?provider=ais" # warm the normal path once
  t=$(curl -sL -o "$WORK/got" -w '%{time_total}' "$E/v1/objects/plain/g-$i?provider=ais")
  add getnormal "$(awk -v t="$t" 'BEGIN { printf "%.2f", t * 1000 }')"
  find "$DATA" -path "*/@ais/ecb/%ob/g-$i" -type f -delete
  t=$(curl -sL -o "$WORK/got" -w '%{time_total}' "$E/v1/objects/ecb/g-$i?provider=ais")
  cmp -s "$WORK/got" "$WORK/obj" || die "rebuilt g-$i differs: $(head -c 300 "$WORK/got")"
  add getrebuilt "$(awk -v t="$t" 'BEGIN { printf "%.2f", t * 1000 }')"
  t=$(curl -sL -o "$WORK/got" -w '%{time_total}' "$E/v1/objects/ecb/g-$i?provider=ais")
  add getafter "$(awk -v t="$t" 'BEGIN { printf "%.2f", t * 1000 }')"
done
stop_all

codec=$("$ROOT/bench/ec-codec.sh" 4 2 1048576 3 | tail -1)

echo
echo "Machine: $(nproc) cores, Linux $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Clients and servers share the cores."
echo
echo "| measurement | no protection | EC 2+1 |"
echo "|---|---|---|"
echo "| PUT 1 MiB, 8 workers, MiB/s as answered (median of $ROUNDS) | $(med plain) | $(med ec) |"
echo "| PUT 1 MiB incl. time until all slices are stored, objects/s (≈ MiB/s) | $(med plain) | $(med ecall) |"
echo "| encoding backlog after the loader stopped, s | – | $(med drain) |"
echo "| GET 1 MiB, curl, median ms ($N objects) | $(med getnormal) | rebuilt: $(med getrebuilt); next GET: $(med getafter) |"
echo
echo "codec: $codec"
