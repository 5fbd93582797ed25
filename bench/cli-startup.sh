#!/bin/sh
# cli-startup.sh — wall and CPU time of `jais ls ais://BUCKET` against curl sending the same
# request, and of the JVM options the launcher uses, one at a time (docs/cli.md, "Start-up time").
#
#   AIS_ENDPOINT=http://127.0.0.1:8080 bench/cli-startup.sh [BUCKET] [ROUNDS]
#
# Needs a packaged CLI (./mvnw package writes jais-cli/target/jais-cli.aot) and a bucket. Each
# round runs every variant once, in turn, so that load from other processes falls on all of them
# alike; prints per variant the median and minimum wall time and the median CPU (user + system).
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
BUCKET=${1:-b}
ROUNDS=${2:-10}
E=${AIS_ENDPOINT:-http://localhost:8080}
T="$HERE/jais-cli/target"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CP=
for jar in "$T"/jais-cli-*.jar "$T"/lib/*.jar; do CP="${CP:+$CP:}$jar"; done
AOT="-XX:AOTCache=$T/jais-cli.aot"
FAST="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m"
MAIN="-cp $CP io.jais.cli.Main ls ais://$BUCKET"
OUT=$(mktemp)
export AIS_ENDPOINT="$E"

# one variant per line: NAME|COMMAND
VARIANTS="curl, the same list request|curl -s -o /dev/null -X GET -H Accept:application/msgpack -H Content-Type:application/json -d {\"action\":\"list\",\"value\":{\"props\":\"name,size\"}} $E/v1/buckets/$BUCKET?provider=ais
./jais ls (launcher: AOT cache + flags)|$HERE/jais ls ais://$BUCKET
java: AOT cache + flags|$JAVA $FAST $AOT $MAIN
java: AOT cache, JVM defaults|$JAVA $AOT $MAIN
java: AOT cache + SerialGC only|$JAVA -XX:+UseSerialGC $AOT $MAIN
java: AOT cache + TieredStopAtLevel=1 only|$JAVA -XX:TieredStopAtLevel=1 $AOT $MAIN
java: AOT cache + flags + -Xint|$JAVA $FAST -Xint $AOT $MAIN
java: flags, the JDK's CDS archive only|$JAVA $FAST $MAIN
java: flags, -Xshare:off|$JAVA $FAST -Xshare:off $MAIN"

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds"
round=0
while [ "$round" -lt "$ROUNDS" ]; do
  echo "$VARIANTS" | while IFS='|' read -r name command; do
    # shellcheck disable=SC2086
    /usr/bin/time -o "$OUT.t" -f "%e %U %S" $command >/dev/null 2>&1 || echo "failed: $name" >&2
    echo "$name|$(cat "$OUT.t")" >>"$OUT"
  done
  round=$((round + 1))
done
python3 - "$OUT" <<'PY'
import collections, statistics, sys
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    name, times = line.rstrip("\n").split("|")
    wall, user, system = map(float, times.split())
    runs.setdefault(name, []).append((wall, user + system))
for name, v in runs.items():
    print(f"{name:<44} wall median {statistics.median(w for w, _ in v)*1000:5.0f} ms  min {min(w for w, _ in v)*1000:5.0f} ms"
          f"   cpu median {statistics.median(c for _, c in v)*1000:5.0f} ms")
PY
echo "# load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$OUT" "$OUT.t"
