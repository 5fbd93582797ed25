# bench/lib.sh — helpers sourced by bench/run.sh and bench/profile.sh (bash). Loopback only;
# every server started here is stopped by stop_all (trap on EXIT).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PIDS=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

need() { command -v "$1" >/dev/null || die "$1 not found (apt-get install -y $2)"; }

stop_all() {
  local p
  for p in "${PIDS[@]:-}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]:-}"; do
    [[ -n "$p" ]] && { for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; }
  done
  PIDS=()
}

# wait_http URL SECONDS — until the URL answers at all
wait_http() {
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}

# start_jais DIR PORT TARGETS — playground in the background; sets JAIS_PID and JAIS_EP.
# JAIS_ENV: extra VAR=VALUE words for its environment (e.g. JAIS_METRICS=off)
start_jais() {
  local dir=$1 port=$2 targets=$3
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  env ${JAIS_ENV:-} JAIS_JAVA_OPTS="${JAIS_BENCH_JAVA_OPTS:-}" "$ROOT/jais" playground --port "$port" --targets "$targets" \
    --dir "$dir/data" >"$dir/playground.log" 2>&1 &
  JAIS_PID=$!
  PIDS+=("$JAIS_PID")
  local i
  for i in $(seq 1 600); do
    grep -q "JAIS is ready" "$dir/playground.log" && break
    kill -0 "$JAIS_PID" 2>/dev/null || { cat "$dir/playground.log" >&2; die "playground died"; }
    sleep 0.1
  done
  grep -q "JAIS is ready" "$dir/playground.log" || die "playground not ready in 60 s"
  JAIS_EP="http://127.0.0.1:$port"
}

stop_pid() {
  local p=$1 i
  kill "$p" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  local keep=()
  for i in "${PIDS[@]}"; do [[ "$i" != "$p" ]] && keep+=("$i"); done
  PIDS=("${keep[@]:-}")
}

# start_nginx DIR PORT — sendfile on, 2 workers, serving DIR/root; sets NGINX_PID
start_nginx() {
  local dir=$1 port=$2
  mkdir -p "$dir/root" "$dir/tmp"
  cat >"$dir/nginx.conf" <<CONF
user root;
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 120s;
  keepalive_requests 100000000;
  default_type application/octet-stream;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $dir/root;
  }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir" &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  wait_http "http://127.0.0.1:$port/" 10 || die "nginx did not start (see $dir/error.log)"
}

# link_objects DATA BUCKET NGROOT — hard links of the targets' object files at
# NGROOT/v1/objects/BUCKET/NAME: nginx serves the very same inodes JAIS does
link_objects() {
  local data=$1 bucket=$2 root=$3 f rel
  rm -rf "$root/v1/objects/$bucket"
  while IFS= read -r f; do
    rel=${f#*/@ais/"$bucket"/%ob/}
    mkdir -p "$root/v1/objects/$bucket/$(dirname "$rel")"
    ln -f "$f" "$root/v1/objects/$bucket/$rel"
  done < <(find "$data" -path "*/@ais/$bucket/%ob/*" -type f)
}

# wrk_run URL CONNS SECONDS — prints "REQ_PER_S NON2XX3XX SOCKET_ERRORS"
wrk_run() {
  local out
  out=$(wrk -t1 -c"$2" -d"$3"s --latency "$1" 2>&1) || true
  local rps bad errs
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  errs=$(awk '/Socket errors:/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out")
  echo "${rps:-0} ${bad:-0} ${errs:-0}"
}

# loader ARGS... — runs jais-loader; prints its "result" lines
loader() {
  "$ROOT/jais" loader --interval 0 "$@" 2>&1 | tee -a "$WORK/loader.log" | grep '^result' || true
}

# field NAME LINE — value of NAME=... in a "result" line
field() { sed -n "s/.*[ ^]$1=\([^ ]*\).*/\1/p" <<<" $2" | head -1; }

# bytes SIZE — 16KiB -> 16384 (KiB/MiB/GiB only)
bytes() {
  local s=$1
  case "$s" in
    *KiB) echo $(( ${s%KiB} * 1024 )) ;;
    *MiB) echo $(( ${s%MiB} * 1024 * 1024 )) ;;
    *GiB) echo $(( ${s%GiB} * 1024 * 1024 * 1024 )) ;;
    *) echo "$s" ;;
  esac
}

# dd_mibs FILE BLOCKSIZE_MIB COUNT [conv] — MiB/s of one dd write (from its own byte/time report).
# The baseline must see what a PUT round sees: `sync` first (no dirty pages of an earlier step
# being written back meanwhile or throttling this one), a fresh file (new page cache, like each
# PUT's workfile), removed afterwards. PUT rounds are preceded by the same `sync` (bench/run.sh).
dd_mibs() {
  local out file="$1.$$.$RANDOM"
  sync
  out=$(dd if=/dev/zero of="$file" bs="$2"M count="$3" ${4:+conv=$4} 2>&1 | tail -1)
  rm -f "$file"
  awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^s,?$/) secs = $(i-1); print $1 / 1048576 / secs }' <<<"$out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'; }
times() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "n/a" }'; }
num() { awk -v a="$1" 'BEGIN { if (a >= 100) printf "%.0f", a; else printf "%.1f", a }'; }
