#!/usr/bin/env bash
# bench/failover.sh — seconds from a primary's death to a new primary serving. Runs the kill -9
# scenario of PrimaryFailoverIT (3 proxy processes, 3 target processes, 4 clients on the two
# proxies that survive; the primary is killed with SIGKILL) N times and prints what each run
# measured: when the survivors' map first names a new primary, and when a bucket create through
# another proxy (forwarded to the new primary) has succeeded.
#
# usage: bench/failover.sh [RUNS]        (default 3; each run takes 1-2 minutes on 2 cores)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${1:-3}
cd "$ROOT"
for run in $(seq 1 "$RUNS"); do
  log "run $run of $RUNS"
  ./mvnw -B -o -pl jais-it -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfailsafe.failIfNoSpecifiedTests=false '-Dit.test=PrimaryFailoverIT#killingThePrimary*' 2>&1 \
    | grep -E '^FAILOVER:|Tests run:.*Fail' | head -2
done
