#!/usr/bin/env bash
# bench/ec-codec.sh — the erasure-coding codec alone, one core: encode and decode GiB/s (object
# bytes) of a D+P Reed–Solomon code (default 4+2, 1 MiB slices). No cluster, no disk.
#
# usage: bench/ec-codec.sh [data] [parity] [slice bytes] [seconds]
# Needs: a JDK 25 (found as ./jais finds it) and a build (./mvnw -q -o -DskipTests package).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
if [[ -z "${JAVA:-}" || ! -x "$JAVA" ]]; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)
fi
[[ -x "$JAVA" ]] || { echo "no JDK 25 found (set JAVA_HOME)" >&2; exit 1; }
[[ -d "$ROOT/jais-node/target/classes/io/jais/node/ec/codec" ]] || { echo "build first: ./mvnw -q -o -DskipTests package" >&2; exit 1; }
exec taskset -c 0 "$JAVA" -XX:+UseParallelGC -Xmx1g -cp "$ROOT/jais-node/target/classes" io.jais.node.ec.codec.CodecBench "$@"
