#!/usr/bin/env bash
# bench/streams.sh — target-to-target streams against plain HTTP on the same 1 MiB objects, in
# one run, on loopback:
#   stream : ./jais bench-streams send → receive (two JVMs): objects read from the target's own
#            mountpaths and sent zero-copy; the receiver stores each in a real object
#            store (work file, xxhash2 checked against the header, commit) before it acks; each
#            sender worker waits for its object's ack
#   drop   : the same stream, but the receiver reads each body and drops it: the transport alone
#   GET    : jais-loader GETs of the same objects straight from the target (no redirect)
#   PUT    : jais-loader PUTs of 1 MiB objects through the proxy's 307: HTTP's way of storing
# rounds alternate (which goes first swaps every round); medians. The CPU columns are the serving
# processes' CPU time per GiB moved (stream: receiver and sender; GET/PUT: the playground), read
# from /proc over the measured seconds.
#
# usage: bench/streams.sh [-d SECONDS] [-r ROUNDS] [-w WARMUP] [-n OBJECTS] [-c WORKERS] [--work DIR] [--no-doc]
#   defaults: 8 s per measurement, 3 rounds, 5 s warm-up, 256 objects, 8 workers (senders and loader);
#   --no-doc: only print (by default the table replaces the streams-bench section of docs/performance.md)
# Needs: curl, a JDK 25 (./jais finds it). Not part of the test suite. Everything it starts is stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DUR=8; ROUNDS=3; WARMUP=5; N=256; W=8; WORK=/tmp/jais-streams-bench; DOC=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) DUR=$2; shift 2 ;;
    -r) ROUNDS=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -n) N=$2; shift 2 ;;
    -c) W=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --no-doc) DOC=0; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
need curl curl
trap stop_all EXIT INT TERM
declare -A R
add() { R[$1]="${R[$1]:-} $2"; }
med() { tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mratio() { paste <(tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$') <(tr ' ' '\n' <<<"${R[$2]:-}" | grep -v '^$') \
  | awk '$2 > 0 { print $1 / $2 }' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else printf "%.0f %%", 100 * ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
spread() { tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f–%.0f", lo, hi }'; }
cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
# per_gib CPU0 CPU1 MIB_PER_S SECONDS — CPU seconds per GiB moved
per_gib() { awk -v a="$1" -v b="$2" -v m="$3" -v s="$4" 'BEGIN { if (m > 0) printf "%.2f", (b - a) / (m * s / 1024); else print 0 }'; }

PORT=${STREAMS_BENCH_PORT:-21380}
RX_PORT=$((PORT + 50))
rm -rf "$WORK"; mkdir -p "$WORK"; : >"$WORK/loader.log"
log "building (if needed)"; "$ROOT/jais" loader --help >/dev/null

log "JAIS playground: 1 proxy, 1 target; $N objects of 1 MiB"
start_jais "$WORK/jais" "$PORT" 1
loader -e "$JAIS_EP" -b bench --pctput 100 --ops "$N" --names seq --objects "$N" -s 1MiB -w 4 --prefix st/ >/dev/null
loc=$(curl -s -o /dev/null -w '%{redirect_url}' "$JAIS_EP/v1/objects/bench/st/0000000000?provider=ais")
TARGET_EP=$(sed -E 's#^(https?://[^/]+)/.*#\1#' <<<"$loc")
[[ -n "$TARGET_EP" ]] || die "no redirect to the target"
# the sender reads the target's own files (the same inodes, the same page cache as the GETs); the
# only thing it writes there is the access times of what it sent, when it exits
SOURCES=$(ls -d "$WORK/jais/data/target-0"/mp* | paste -sd,)

log "stream receiver on :$RX_PORT"
"$ROOT/jais" bench-streams receive --port "$RX_PORT" --dir "$WORK/rx" >"$WORK/receiver.log" 2>&1 &
RX_PID=$!; PIDS+=("$RX_PID")
for _ in $(seq 1 300); do grep -q "receiver ready" "$WORK/receiver.log" && break; sleep 0.1; done
grep -q "receiver ready" "$WORK/receiver.log" || { cat "$WORK/receiver.log" >&2; die "receiver not ready"; }

# measure KIND: one round of one measurement; the server CPU is read from the end of the warm-up
measure() {
  local out="$WORK/run.out" c0 c1 line pid
  case $1 in
    stream|drop)
      [[ $1 = stream ]] && sync
      pid=$RX_PID
      "$ROOT/jais" bench-streams send --to "127.0.0.1:$RX_PORT" --mountpaths "$SOURCES" --bucket bench --prefix st/ \
        --objects "$N" --workers "$W" --duration "${DUR}s" --warmup "${WARMUP}s" --drop "$([[ $1 = drop ]] && echo true || echo false)" \
        >"$out" 2>>"$WORK/sender.log" & ;;
    get)
      pid=$JAIS_PID
      "$ROOT/jais" loader --interval 0 -e "$TARGET_EP" -b bench --no-reuse --pctput 0 --objects "$N" --names seq \
        --prefix st/ -d "${DUR}s" --warmup "${WARMUP}s" -w "$W" >"$out" 2>&1 & ;;
    put)
      sync
      pid=$JAIS_PID
      "$ROOT/jais" loader --interval 0 -e "$JAIS_EP" -b bench --pctput 100 --names seq --objects "$N" -s 1MiB \
        --prefix st/ -d "${DUR}s" --warmup "${WARMUP}s" -w "$W" >"$out" 2>&1 & ;;
  esac
  local client=$!
  sleep "$WARMUP"; sleep 1 # JVM start-up, then the client's own warm-up
  c0=$(cpu "$pid")
  wait "$client" || true
  c1=$(cpu "$pid")
  cat "$out" >>"$WORK/loader.log"
  line=$(grep '^result' "$out" | head -1)
  [[ -n "$line" ]] || { cat "$out" >&2; die "$1: no result"; }
  local mibs secs; mibs=$(field mib_per_s "$line"); secs=$(field seconds "$line")
  add "$1" "$mibs"; add "$1ops" "$(field ops_per_s "$line")"; add "$1err" "$(field errors "$line")"
  add "$1cpu" "$(per_gib "$c0" "$c1" "$mibs" "${secs:-$DUR}")"
  [[ $1 = stream || $1 = drop ]] && add "$1sendercpu" "$(field sender_cpu_s_per_gib "$line")"
  log "  $1: $mibs MiB/s"
}

for r in $(seq 1 "$ROUNDS"); do
  order="drop get stream put"; (( r % 2 == 0 )) && order="put stream get drop"
  for kind in $order; do log "round $r/$ROUNDS: $kind"; measure "$kind"; done
done
stop_pid "$RX_PID"
RX_STATS=$(grep '^receiver objects' "$WORK/receiver.log" || true)

JAVA_BIN=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/streams.sh -d $DUR -r $ROUNDS -w $WARMUP -n $N -c $W\`: medians of $ROUNDS rounds; ratios are medians of the per-round ratios."
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r),"
  echo "filesystem $(df -T "$WORK" | awk 'NR==2 {print $2, "on", $1}'); JDK $("$JAVA_BIN" -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Clients and servers share the cores."
  echo
  echo "| 1 MiB objects, $W workers | objects/s | MiB/s | rounds, MiB/s | serving CPU s/GiB | errors |"
  echo "|---|---|---|---|---|---|"
  echo "| **stream**, the receiver drops the bytes (transport alone) | $(num "$(med dropops)") | $(num "$(med drop)") | $(spread drop) | receiver $(med dropcpu), sender $(med dropsendercpu) | $(med droperr) |"
  echo "| HTTP GET from the target (jais-loader) | $(num "$(med getops)") | $(num "$(med get)") | $(spread get) | target $(med getcpu) | $(med geterr) |"
  echo "| **stream**, the receiver stores each object before its ack | $(num "$(med streamops)") | $(num "$(med stream)") | $(spread stream) | receiver $(med streamcpu), sender $(med streamsendercpu) | $(med streamerr) |"
  echo "| HTTP PUT through the proxy (jais-loader) | $(num "$(med putops)") | $(num "$(med put)") | $(spread put) | proxy + target $(med putcpu) | $(med puterr) |"
  echo
  echo "Stream (dropped) / GET: $(mratio drop get); stream (stored) / GET: $(mratio stream get); stream (stored) / PUT: $(mratio stream put). Receiver at the end: ${RX_STATS#receiver }."
  echo
  echo "Raw rounds:"
  echo
  echo '```'
  for k in $(printf '%s\n' "${!R[@]}" | sort); do echo "$k:${R[$k]}"; done
  echo '```'
} >"$WORK/results.md"
cat "$WORK/results.md"
if [[ $DOC = 1 && -f "$ROOT/docs/performance.md" ]]; then
  python3 - "$ROOT/docs/performance.md" "$WORK/results.md" <<'PY'
import sys
doc, res = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- streams-bench:begin -->", "<!-- streams-bench:end -->"
if begin in text and end in text:
    text = text[:text.index(begin) + len(begin)] + "\n" + res + text[text.index(end):]
    open(doc, "w").write(text)
    print(f"updated {doc}", file=sys.stderr)
PY
fi
