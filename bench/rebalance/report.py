"""Sums one rebalance's snapshots (GET /v1/cluster?what=qryxstats by ID, on stdin) and prints
"<out-objs> <out-bytes> <seconds from the first start to the last end>"."""
import json
import sys
from datetime import datetime


def parse(t):
    # RFC 3339 with nanoseconds: keep microseconds for datetime
    head, _, frac = t.rstrip("Z").partition(".")
    return datetime.fromisoformat(head + "." + (frac + "000000")[:6] + "+00:00")


by_target = json.load(sys.stdin)
objs = byts = 0
starts, ends = [], []
for target, snapshots in sorted(by_target.items()):
    for s in snapshots:
        print(f"  {target}: {s['start-time']} .. {s['end-time']} out {s['stats'].get('out-objs')} "
              f"in {s['stats'].get('in-objs')} errors {s['stats'].get('errors')}", file=sys.stderr)
        objs += int(s["stats"].get("out-objs", 0))
        byts += int(s["stats"].get("out-bytes", 0))
        starts.append(parse(s["start-time"]))
        ends.append(parse(s["end-time"]))
print(objs, byts, f"{(max(ends) - min(starts)).total_seconds():.3f}")
