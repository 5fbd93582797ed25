#!/usr/bin/env bash
# bench/run.sh — JAIS side by side with its baselines, in one run, on loopback:
#   GET  : JAIS target vs nginx (sendfile, the same files hard-linked), wrk, one hot object;
#          end to end through the proxy's redirect with jais-loader vs nginx and s3proxy
#   PUT  : jais-loader (native) vs s3proxy (jais-loader --api s3) vs dd to the same filesystem
#          (each PUT round and each dd after a `sync`, dd to a fresh file, with and without fdatasync)
#   proxy: redirects/s (wrk against the proxy; wrk does not follow redirects, so every
#          response is a 301)
# for each object size and target count, and prints the ratios as markdown tables.
#
# usage: bench/run.sh [-d SECONDS] [-r ROUNDS] [-s "16KiB 1MiB 10MiB"] [-t "1 3"] [--work DIR] [--no-doc]
#   -d      seconds per measurement (default 6); -w warm-up seconds of each loader run (default 5: a fresh
#           node still compiles its hot paths for several seconds; docs/performance.md)
#   -r      rounds: JAIS and its baselines alternate, each round all of them; the tables show
#           the median of the rounds (default 3), which keeps a noisy shared machine honest
#   --work  scratch directory on the filesystem under test (default /tmp/jais-bench)
#   --no-doc  only print; by default the tables also replace the section between the
#           bench markers in docs/performance.md
#   --from FILE  measure nothing: redo the tables from the raw rounds of an earlier results.md
# Needs: wrk, nginx (apt-get install -y wrk nginx-light), curl, a JDK 25 (./jais finds it).
# Not part of the test suite. Everything it starts is stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DUR=6
REPEAT=3
WARMUP=5
SIZES="16KiB 1MiB 10MiB"
TARGETS="1 3"
WORK=/tmp/jais-bench
DOC=1
FROM=
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) DUR=$2; shift 2 ;;
    -r) REPEAT=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -s) SIZES=$2; shift 2 ;;
    -t) TARGETS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --no-doc) DOC=0; shift ;;
    --from) FROM=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
count_for() { case "$1" in 16KiB) echo 512 ;; 1MiB) echo 128 ;; *) echo 32 ;; esac; }
conns_for() { case "$1" in 10MiB) echo 4 ;; *) echo 8 ;; esac; }
declare -A R   # results, keyed "metric/targets/size": space-separated values, one per repetition
add() { R[$1]="${R[$1]:-} $2"; }
med() { tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# median over rounds of A_i / B_i: each round's JAIS against the baseline measured next to it
mratio() { paste <(tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$') <(tr ' ' '\n' <<<"${R[$2]:-}" | grep -v '^$') \
  | awk '$2 > 0 { print $1 / $2 }' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else printf "%.0f %%", 100 * ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
mtimes() { paste <(tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$') <(tr ' ' '\n' <<<"${R[$2]:-}" | grep -v '^$') \
  | awk '$2 > 0 { print $1 / $2 }' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else printf "%.2f×", ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# lowest–highest of the rounds
spread() { tr ' ' '\n' <<<"${R[$1]:-}" | grep -v '^$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f–%.0f", lo, hi }'; }
sum() { tr ' ' '\n' <<<"${R[$1]:-}" | awk '{ s += $1 } END { print s + 0 }'; }
WARM="--warmup ${WARMUP}s"

if [[ -n "$FROM" ]]; then
  while IFS=: read -r k v; do [[ -n "$v" ]] && R[$k]=$v; done < <(sed -n '/^```$/,/^```$/p' "$FROM" | grep -v '^```')
  mkdir -p "$WORK"
else
need wrk wrk; need nginx nginx-light; need curl curl
trap stop_all EXIT INT TERM

JAIS_PORT=${JAIS_PORT:-19480}
NGINX_PORT=${NGINX_PORT:-19490}
S3_PORT=${S3_PORT:-19491}
S3_DIR=${S3PROXY_DIR:-$HOME/.cache/jais-bench/s3proxy}
rm -rf "$WORK"; mkdir -p "$WORK"
: >"$WORK/loader.log"

log "building (if needed)"; "$ROOT/jais" loader --help >/dev/null


# ---- s3proxy (filesystem backend, its data on the same filesystem) ------------------------
log "s3proxy on :$S3_PORT (data in $S3_DIR/data)"
rm -rf "$S3_DIR/data"
S3_TOOL=${S3PROXY_TOOL:-}
for c in "$ROOT/../shared/tools/run-s3proxy.sh" /work/shared/tools/run-s3proxy.sh; do
  [[ -z "$S3_TOOL" && -x "$c" ]] && S3_TOOL=$c
done
[[ -n "$S3_TOOL" ]] || die "run-s3proxy.sh not found (set S3PROXY_TOOL)"
S3_PID=$("$S3_TOOL" "$S3_DIR" "$S3_PORT" filesystem | tail -1)
PIDS+=("$S3_PID")
S3_EP="http://127.0.0.1:$S3_PORT"

start_nginx "$WORK/nginx" "$NGINX_PORT"
NG_EP="http://127.0.0.1:$NGINX_PORT"

for T in $TARGETS; do
  log "JAIS playground: 1 proxy, $T target(s)"
  start_jais "$WORK/jais-$T" "$JAIS_PORT" "$T"
  for S in $SIZES; do
    N=$(count_for "$S"); C=$(conns_for "$S"); B="b$T"; P="${S}/"
    log "T=$T $S: prefill $N objects (JAIS)"
    loader -e "$JAIS_EP" -b "$B" --pctput 100 --ops "$N" --names seq --objects "$N" -s "$S" -w 4 --prefix "$P" >/dev/null
    if [[ -z "${R[s3put/$S]:-}" ]]; then
      log "$S: prefill $N objects (s3proxy)"
      loader --api s3 -e "$S3_EP" -b "bench" --pctput 100 --ops "$N" --names seq --objects "$N" -s "$S" -w 4 --prefix "$P" >/dev/null
      S3_TURN=1
    else
      S3_TURN=
    fi
    link_objects "$WORK/jais-$T/data" "$B" "$WORK/nginx/root"
    obj="v1/objects/$B/${P}0000000000"
    loc=$(curl -s -o /dev/null -w '%{redirect_url}' "$JAIS_EP/$obj?provider=ais")
    [[ -n "$loc" ]] || die "no redirect for $obj"
    curl -s "$loc" | cmp -s - "$WORK/nginx/root/$obj" || die "nginx and JAIS serve different bytes for $obj"
    for rep in $(seq 1 "$REPEAT"); do
      log "T=$T $S round $rep/$REPEAT: wrk GET JAIS target / nginx ($C connections)"
      read -r rps bad errs < <(wrk_run "$loc" "$C" "$DUR"); add wt/$T/$S "$rps"; add wterr/$T/$S $((bad + errs))
      read -r rps bad errs < <(wrk_run "$NG_EP/$obj" "$C" "$DUR"); add wn/$T/$S "$rps"; add wnerr/$T/$S $((bad + errs))
      if [[ "$S" = "$(awk '{print $1}' <<<"$SIZES")" ]]; then
        log "T=$T round $rep: wrk against the proxy (301s/s)"
        read -r rps bad errs < <(wrk_run "$JAIS_EP/$obj?provider=ais" 8 "$DUR"); add redir/$T "$rps"
      fi
      log "T=$T $S round $rep: loader GET JAIS via proxy / nginx${S3_TURN:+ / s3proxy}"
      line=$(loader -e "$JAIS_EP" -b "$B" -d "$DUR" $WARM -w 8 --prefix "$P" --verify)
      add lj/$T/$S "$(field ops_per_s "$line")"; add ljmib/$T/$S "$(field mib_per_s "$line")"
      add ljp50/$T/$S "$(field p50_us "$line")"; add ljerr/$T/$S "$(field errors "$line")"
      line=$(loader -e "$NG_EP" -b "$B" -d "$DUR" $WARM -w 8 --prefix "$P" --verify --no-reuse --objects "$N")
      add ln/$T/$S "$(field ops_per_s "$line")"; add lnmib/$T/$S "$(field mib_per_s "$line")"
      add lnerr/$T/$S "$(field errors "$line")"
      if [[ -n $S3_TURN ]]; then
        line=$(loader --api s3 -e "$S3_EP" -b "bench" -d "$DUR" $WARM -w 8 --prefix "$P" --verify)
        add s3get/$S "$(field ops_per_s "$line")"; add s3getmib/$S "$(field mib_per_s "$line")"
        add s3geterr/$S "$(field errors "$line")"
      fi
      log "T=$T $S round $rep: PUT JAIS${S3_TURN:+ / s3proxy} / dd"
      sync # every PUT round and every dd starts with no dirty pages pending (bench/lib.sh dd_mibs)
      line=$(loader -e "$JAIS_EP" -b "$B" --pctput 100 -d "$DUR" $WARM --names seq --objects "$N" -s "$S" -w "$C" --prefix "$P")
      add put/$T/$S "$(field mib_per_s "$line")"; add putops/$T/$S "$(field ops_per_s "$line")"
      add puterr/$T/$S "$(field errors "$line")"
      if [[ -n $S3_TURN ]]; then
        sync
        line=$(loader --api s3 -e "$S3_EP" -b "bench" --pctput 100 -d "$DUR" $WARM --names seq --objects "$N" -s "$S" -w "$C" --prefix "$P")
        add s3put/$S "$(field mib_per_s "$line")"; add s3putops/$S "$(field ops_per_s "$line")"
        add s3puterr/$S "$(field errors "$line")"
      fi
      v=$(dd_mibs "$WORK/dd.bin" 1 1024); add ddc "$v"; add ddc/$T/$S "$v"
      # again at once: its page cache reuses the memory the first run just freed ("warm")
      v=$(dd_mibs "$WORK/dd.bin" 1 1024); add ddw "$v"; add ddw/$T/$S "$v"
      v=$(dd_mibs "$WORK/dd.bin" 1 1024 fdatasync); add dds "$v"; add dds/$T/$S "$v"
    done
    # the PUT rounds replaced the files: link again for the next size's consistency check
    rm -rf "$WORK/nginx/root/v1"
  done
  stop_pid "$JAIS_PID"
  rm -rf "$WORK/jais-$T/data"
done

fi

# ---- report -------------------------------------------------------------------------------
mib() { awk -v r="$1" -v b="$(bytes "$2")" 'BEGIN { printf "%.0f", r * b / 1048576 }'; }
JAVA_BIN=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)
{
  if [[ -n "$FROM" ]]; then
    sed -n '1,4p' "$FROM"
  else
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/run.sh -d $DUR -r $REPEAT -w $WARMUP\`: rates are medians of $REPEAT rounds; ratios are medians of the per-round ratios (JAIS against the baseline measured right next to it)."
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r),"
    echo "filesystem $(df -T "$WORK" | awk 'NR==2 {print $2, "on", $1}'); JDK $("$JAVA_BIN" -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'), $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), s3proxy 4.1.0 (filesystem-nio2)."
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Clients and servers share the cores."
  fi
  echo
  echo "**GET, server throughput** (wrk -t1, one object hot in the page cache; nginx serves a hard link of the target's own file):"
  echo
  echo "| targets | size | conns | JAIS target req/s | MiB/s | nginx req/s | MiB/s | JAIS / nginx | non-2xx+errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for T in $TARGETS; do for S in $SIZES; do
    a=$(med wt/$T/$S); b=$(med wn/$T/$S)
    echo "| $T | $S | $(conns_for "$S") | $(num "$a") | $(mib "$a" "$S") | $(num "$b") | $(mib "$b" "$S") | $(mratio wt/$T/$S wn/$T/$S) | $(sum wterr/$T/$S)/$(sum wnerr/$T/$S) |"
  done; done
  echo
  echo "**GET end to end** (jais-loader, 8 workers, random reads over the prefilled objects, content verified): JAIS through the proxy's 301 to the target; nginx direct (no redirect); s3proxy through the AWS SDK v2:"
  echo
  echo "| targets | size | JAIS ops/s | MiB/s | p50 ms | nginx ops/s | MiB/s | s3proxy ops/s | MiB/s | JAIS / nginx | JAIS / s3proxy | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for T in $TARGETS; do for S in $SIZES; do
    a=$(med lj/$T/$S); b=$(med ln/$T/$S); c=$(med s3get/$S)
    echo "| $T | $S | $(num "$a") | $(num "$(med ljmib/$T/$S)") | $(awk -v u="$(med ljp50/$T/$S)" 'BEGIN{printf "%.2f", u/1000}') | $(num "$b") | $(num "$(med lnmib/$T/$S)") | $(num "$c") | $(num "$(med s3getmib/$S)") | $(mratio lj/$T/$S ln/$T/$S) | $(mtimes lj/$T/$S s3get/$S) | $(sum ljerr/$T/$S)/$(sum lnerr/$T/$S)/$(sum s3geterr/$S) |"
  done; done
  echo
  echo "**PUT** (jais-loader overwriting the prefilled names; JAIS through the proxy's 307). dd writes 1 GiB in 1 MiB blocks from /dev/zero to a fresh file on the same filesystem, after a \`sync\` like every PUT round: to the page cache $(num "$(med ddc)") MiB/s (rounds $(spread ddc)), the same again right after it, into the memory the first one freed, $(num "$(med ddw)") MiB/s (rounds $(spread ddw)), with \`conv=fdatasync\` $(num "$(med dds)") MiB/s (medians; the method is under Reading the numbers). JAIS does not fsync by default (as AIS), so the page-cache \`dd\` is its baseline:"
  echo
  echo "| targets | size | workers | JAIS ops/s | MiB/s | s3proxy ops/s | MiB/s | JAIS / dd page cache | JAIS / dd page cache, warm | JAIS / dd fdatasync | JAIS / s3proxy | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for T in $TARGETS; do for S in $SIZES; do
    a=$(med put/$T/$S)
    echo "| $T | $S | $(conns_for "$S") | $(num "$(med putops/$T/$S)") | $(num "$a") | $(num "$(med s3putops/$S)") | $(num "$(med s3put/$S)") | $(mratio put/$T/$S ddc/$T/$S) | $(mratio put/$T/$S ddw/$T/$S) | $(mratio put/$T/$S dds/$T/$S) | $(mtimes put/$T/$S s3put/$S) | $(sum puterr/$T/$S)/$(sum s3puterr/$S) |"
  done; done
  echo
  echo -n "**Proxy redirects** (wrk -t1 -c8 against the proxy, every response a 301 to the owning target):"
  for T in $TARGETS; do echo -n " $T target(s): $(num "$(med redir/$T)")/s;"; done
  echo
  echo
  echo "Raw rounds (space-separated, in order):"
  echo
  echo '```'
  for k in $(printf '%s\n' "${!R[@]}" | sort); do echo "$k:${R[$k]}"; done
  echo '```'
} >"$WORK/results.md"

cat "$WORK/results.md"
if [[ $DOC = 1 && -f "$ROOT/docs/performance.md" ]]; then
  python3 - "$ROOT/docs/performance.md" "$WORK/results.md" <<'PY'
import sys, re
doc, res = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
if begin in text and end in text:
    text = text[:text.index(begin) + len(begin)] + "\n" + res + text[text.index(end):]
    open(doc, "w").write(text)
    print(f"updated {doc}", file=sys.stderr)
PY
fi
