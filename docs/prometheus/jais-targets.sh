#!/bin/sh
# jais-targets.sh [ENDPOINT] — every node of a JAIS (or AIStore) cluster as Prometheus file-SD
# targets, read from the cluster map; e.g. jais-targets.sh > /etc/prometheus/jais-targets.json.
# ENDPOINT: any proxy (default $AIS_ENDPOINT, else http://127.0.0.1:8080). Needs curl and python3.
set -eu
endpoint=${1:-${AIS_ENDPOINT:-http://127.0.0.1:8080}}
curl -fsS "$endpoint/v1/daemon?what=smap" | python3 -c '
import json, sys
from urllib.parse import urlparse
smap = json.load(sys.stdin)
groups = []
for key, role in (("pmap", "proxy"), ("tmap", "target")):
    nodes = (smap.get(key) or {}).values()
    hosts = sorted(urlparse(n["public_net"]["direct_url"]).netloc for n in nodes)
    if hosts:
        groups.append({"targets": hosts, "labels": {"role": role}})
json.dump(groups, sys.stdout, indent=2)
print()
'
