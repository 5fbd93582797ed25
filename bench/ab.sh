#!/usr/bin/env bash
# bench/ab.sh — before/after of a jais-node change: two builds side by side, wrk rounds
# alternating between them, which goes first swapping every round (so machine noise hits both
# alike), medians printed.
#
# usage: bench/ab.sh BEFORE_TREE AFTER_TREE [-d SECONDS] [-r ROUNDS] [-m "get16 redirect get10m put10m lget16"]
#                    [--no-put] [--env-before "VAR=VALUE ..."] [--env-after "VAR=VALUE ..."]
#   -m      only these measurements (default the first four); --no-put drops put10m
#   --env-* extra environment of one side's playground: the same tree twice with a switch flipped
#           (e.g. . . -m lget16 --env-before JAIS_METRICS=off measures what metrics cost)
#   each tree is a built checkout (jais-node/target/{classes,lib}); one playground of each
#   (1 proxy, 1 target); measured: 16 KiB GET from the target (wrk -c8), GETs against the
#   proxy = 301s/s (wrk -c8), 10 MiB GET from the target (wrk -c4); PUT 10 MiB (jais-loader -w4,
#   after a sync); lget16: 16 KiB GETs end to end through the proxy's redirect (jais-loader -w8,
#   8 objects read round-robin). The *cpu rows are the JAIS process' CPU time per request (GETs,
#   µs) or per GiB stored (PUT, s) from /proc: less sensitive than req/s to other load on a
#   shared machine. AB_PORT (default 19680), WORK: to run beside another ab.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ $# -ge 2 ]] || { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
A=$(cd "$1" && pwd); B=$(cd "$2" && pwd); shift 2
DUR=5; ROUNDS=3; ONLY="get16 redirect get10m put10m"; ENV_BEFORE=""; ENV_AFTER=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) DUR=$2; shift 2 ;;
    -r) ROUNDS=$2; shift 2 ;;
    -m) ONLY=$2; shift 2 ;;
    --no-put) ONLY=${ONLY/put10m/}; shift ;;
    --env-before) ENV_BEFORE=$2; shift 2 ;;
    --env-after) ENV_AFTER=$2; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
need wrk wrk
trap stop_all EXIT INT TERM
WORK=${WORK:-/tmp/jais-ab}; rm -rf "$WORK"; mkdir -p "$WORK"; : >"$WORK/loader.log"
declare -A R EP LOC16 LOC10 PID
cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
# wrk_cpu SIDE URL CONNS: wrk_run's req/s, and the server's CPU microseconds per request (R[cpu-*])
wrk_cpu() {
  local c0 c1 v; c0=$(cpu "${PID[$1]}")
  read -r v _ _ < <(wrk_run "$2" "$3" "$DUR")
  c1=$(cpu "${PID[$1]}")
  echo "$v $(awk -v a="$c0" -v b="$c1" -v n="$v" -v d="$DUR" 'BEGIN { if (n > 0) printf "%.1f", (b - a) * 1e6 / (n * d); else print 0 }')"
}
add() { R[$1]="${R[$1]:-} $2"; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }
med() { tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

port=${AB_PORT:-19680}   # AB_PORT: to run beside another ab.sh
for side in before after; do
  tree=$A; [[ $side = after ]] && tree=$B
  ROOT_SAVE=$ROOT; ROOT=$tree
  JAIS_ENV=$ENV_BEFORE; [[ $side = after ]] && JAIS_ENV=$ENV_AFTER
  start_jais "$WORK/$side" "$port" 1
  ROOT=$ROOT_SAVE
  EP[$side]=$JAIS_EP; PID[$side]=$JAIS_PID; port=$((port + 10))
  loader -e "$JAIS_EP" -b ab --pctput 100 --ops 8 --names seq --objects 8 -s 16KiB -w 2 --prefix s/ >/dev/null
  loader -e "$JAIS_EP" -b ab --pctput 100 --ops 8 --names seq --objects 8 -s 10MiB -w 2 --prefix m/ >/dev/null
  LOC16[$side]=$(curl -s -o /dev/null -w '%{redirect_url}' "$JAIS_EP/v1/objects/ab/s/0000000000?provider=ais")
  LOC10[$side]=$(curl -s -o /dev/null -w '%{redirect_url}' "$JAIS_EP/v1/objects/ab/m/0000000000?provider=ais")
  wrk -t1 -c8 -d3s "${LOC16[$side]}" >/dev/null; wrk -t1 -c8 -d3s "${EP[$side]}/v1/objects/ab/s/0000000000?provider=ais" >/dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  order="before after"; (( r % 2 == 0 )) && order="after before" # the second of a pair tends to measure worse
  for side in $order; do
    log "round $r: $side"
    if wants get16; then
      read -r v c < <(wrk_cpu "$side" "${LOC16[$side]}" 8); add get16/$side "$v"; add get16cpu/$side "$c"
    fi
    if wants redirect; then
      read -r v c < <(wrk_cpu "$side" "${EP[$side]}/v1/objects/ab/s/0000000000?provider=ais" 8)
      add redirect/$side "$v"; add redirectcpu/$side "$c"
    fi
    if wants get10m; then
      read -r v c < <(wrk_cpu "$side" "${LOC10[$side]}" 4); add get10m/$side "$v"; add get10mcpu/$side "$c"
    fi
    if wants lget16; then
      c0=$(cpu "${PID[$side]}")
      line=$(loader -e "${EP[$side]}" -b ab --pctput 0 -d "${DUR}s" --no-reuse --names seq --objects 8 -w 8 --prefix s/)
      c1=$(cpu "${PID[$side]}")
      add lget16/$side "$(field ops_per_s "$line")"
      add lget16cpu/$side "$(awk -v a="$c0" -v b="$c1" -v n="$(field ops_per_s "$line")" -v s="$(field seconds "$line")" 'BEGIN { if (n > 0) printf "%.1f", (b - a) * 1e6 / (n * s); else print 0 }')"
    fi
    if wants put10m; then
      sync # no dirty pages of the other side's round pending (see bench/run.sh)
      c0=$(cpu "${PID[$side]}")
      line=$(loader -e "${EP[$side]}" -b ab --pctput 100 -d "${DUR}s" --names seq --objects 8 -s 10MiB -w 4 --prefix m/)
      c1=$(cpu "${PID[$side]}")
      add put10m/$side "$(field mib_per_s "$line")"
      add putcpu/$side "$(awk -v a="$c0" -v b="$c1" -v m="$(field mib_per_s "$line")" -v s="$(field seconds "$line")" 'BEGIN { if (m > 0) printf "%.2f", (b - a) / (m * s / 1024); else print 0 }')"
    fi
  done
done
echo "| measurement | before | after | after / before | rounds before | rounds after |"
echo "|---|---|---|---|---|---|"
MS=""
for m in $ONLY; do MS="$MS $m"; case $m in get*|redirect|lget16) MS="$MS ${m}cpu" ;; put10m) MS="$MS putcpu" ;; esac; done
for m in $MS; do
  unit="req/s"; [[ $m = get10m ]] && unit="req/s (×10 MiB)"; [[ $m = put10m ]] && unit="MiB/s"
  [[ $m = lget16 ]] && unit="GETs/s end to end"
  [[ $m = *cpu ]] && unit="server CPU µs/req"; [[ $m = putcpu ]] && unit="server CPU s per GiB PUT"
  echo "| $m $unit | $(med $m/before) | $(med $m/after) | $(awk -v a="$(med $m/after)" -v b="$(med $m/before)" 'BEGIN { printf "%.2f", a / b }') |${R[$m/before]} |${R[$m/after]} |"
done
