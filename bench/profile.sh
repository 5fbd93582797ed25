#!/usr/bin/env bash
# bench/profile.sh — JFR profiles of the hot paths, printed as self and inclusive top frames.
#
# usage: bench/profile.sh [get16|redirect|get10m|put10m|all] [-d SECONDS] [--work DIR]
#   get16     16 KiB GETs from the target (wrk -c8), the per-request cost
#   redirect  GETs against the proxy (wrk -c8): the 301 path
#   get10m    10 MiB GETs from the target (wrk -c4): the sendfile path
#   put10m    10 MiB PUTs through the proxy (jais-loader -w4)
# One playground (1 proxy, 1 target) per scenario; after a warm-up, jcmd JFR.start (profile
# settings) for the measured window, then JFR.dump; the .jfr files and their text dumps stay in the work dir (default /tmp/jais-profile).
# Java frames only: time in the kernel (sendfile, write, epoll) shows up as missing samples,
# so the script also prints the process' CPU seconds from /proc for the measured window.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
WHAT=${1:-all}; [[ $# -gt 0 ]] && shift
DUR=15
WORK=/tmp/jais-profile
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) DUR=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
need wrk wrk
trap stop_all EXIT INT TERM
JFR=$(ls -d /usr/lib/jvm/*25*/bin/jfr 2>/dev/null | head -1)
[[ -x "$JFR" ]] || die "jfr of a JDK 25 not found"
JCMD=${JFR%/jfr}/jcmd
PORT=${PROFILE_PORT:-19780}   # targets listen on PORT+100...
mkdir -p "$WORK"
: >"$WORK/loader.log"

cpu_seconds() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
cpu_split() { awk '{ print $14 / 100, $15 / 100 }' "/proc/$1/stat"; }

top_frames() {
  python3 - "$1" <<'PY'
import sys, re, collections
txt = open(sys.argv[1]).read()
samples = txt.split("jdk.ExecutionSample {")[1:]
self_c, incl, n = collections.Counter(), collections.Counter(), 0
for s in samples:
    frames = re.findall(r"^\s+([\w$.<>/]+)\(", s.split("stackTrace = [", 1)[-1], re.M)
    if not frames:
        continue
    n += 1
    self_c[frames[0]] += 1
    for f in set(frames):
        incl[f] += 1
print(f"  {n} Java samples")
print("  self (top 15):")
for f, c in self_c.most_common(15):
    print(f"    {100*c/n:5.1f}%  {f}")
print("  inclusive, io.jais.* and io.netty.* (top 25):")
k = 0
for f, c in incl.most_common():
    if f.startswith(("io.jais", "io.netty")):
        print(f"    {100*c/n:5.1f}%  {f}")
        k += 1
        if k == 25:
            break
PY
}

scenario() {
  local name=$1 size=$2
  log "$name: starting a profiled playground"
  rm -rf "$WORK/$name"
  start_jais "$WORK/$name" "$PORT" 1
  loader -e "$JAIS_EP" -b p --pctput 100 --ops 16 --names seq --objects 16 -s "$size" -w 4 --prefix p/ >/dev/null
  local obj="v1/objects/p/p/0000000000" loc
  loc=$(curl -s -o /dev/null -w '%{redirect_url}' "$JAIS_EP/$obj?provider=ais")
  # warm up, then measure
  case "$name" in
    get16|get10m) wrk -t1 -c4 -d3s "$loc" >/dev/null ;;
    redirect) wrk -t1 -c4 -d3s "$JAIS_EP/$obj?provider=ais" >/dev/null ;;
    put10m) loader -e "$JAIS_EP" -b p --pctput 100 -d 3s --names seq --objects 16 -s "$size" -w 4 --prefix p/ >/dev/null ;;
  esac
  local c0 c1 result
  "$JCMD" "$JAIS_PID" JFR.start name=bench settings=profile >/dev/null
  c0=$(cpu_seconds "$JAIS_PID"); read -r u0 s0 < <(cpu_split "$JAIS_PID")
  case "$name" in
    get16) result=$(wrk_run "$loc" 8 "$DUR") ;;
    get10m) result=$(wrk_run "$loc" 4 "$DUR") ;;
    redirect) result=$(wrk_run "$JAIS_EP/$obj?provider=ais" 8 "$DUR") ;;
    put10m) # the loader shares the cores with the server: its CPU is part of the picture
      result=$(/usr/bin/time -f 'loader CPU %U s user + %S s sys' "$ROOT/jais" loader --interval 0 -e "$JAIS_EP" -b p \
        --pctput 100 -d "${DUR}s" --names seq --objects 16 -s "$size" -w 4 --prefix p/ 2>&1 | grep -E '^result|^loader CPU' | tr '\n' ' ') ;;
  esac
  c1=$(cpu_seconds "$JAIS_PID"); read -r u1 s1 < <(cpu_split "$JAIS_PID")
  "$JCMD" "$JAIS_PID" JFR.dump name=bench filename="$WORK/$name.jfr" >/dev/null
  stop_pid "$JAIS_PID"
  "$JFR" print --events jdk.ExecutionSample "$WORK/$name.jfr" >"$WORK/$name.samples.txt"
  echo "== $name ($size): $result; server CPU $(awk -v a="$c0" -v b="$c1" -v d="$DUR" 'BEGIN { printf "%.2f cores", (b - a) / d }') ($(awk -v a="$u0" -v b="$u1" -v c="$s0" -v e="$s1" 'BEGIN { printf "user %.1f s, sys %.1f s", b - a, e - c }'))"
  top_frames "$WORK/$name.samples.txt"
}

case "$WHAT" in
  get16) scenario get16 16KiB ;;
  redirect) scenario redirect 16KiB ;;
  get10m) scenario get10m 10MiB ;;
  put10m) scenario put10m 10MiB ;;
  all) scenario get16 16KiB; scenario redirect 16KiB; scenario get10m 10MiB; scenario put10m 10MiB ;;
  *) die "unknown scenario $WHAT" ;;
esac
