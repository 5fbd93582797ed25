#!/usr/bin/env bash
# scripts/python-sdk-env.sh — print the path of a ready env.sh for the official AIS Python SDK.
#
# On first use it builds a private venv with ../shared/tools/setup-ais-python-sdk.sh
# (idempotent: that tool keeps a stamp file, so reruns take a few seconds).
#   stdout, last line : path of env.sh  (`. "$(scripts/python-sdk-env.sh | tail -1)"`,
#                       then "$AIS_SDK_PYTHON" script.py)
#   exit 0            : ready
#   exit 3            : "SKIP: <reason>" on stderr — no AIS repo snapshot or no setup tool
#                       (callers report a loud SKIP instead of failing)
#   other non-zero    : setup failed
# Environment:
#   JAIS_SHARED_TOOLS  dir holding setup-ais-python-sdk.sh (default: <repo>/../shared/tools)
#   JAIS_CACHE         cache root (default: $HOME/.cache/jais); the SDK goes to $JAIS_CACHE/ais-sdk
#   AIS_REPO           bare git clone/mirror of github:NVIDIA/aistore (default: $HOME/.cache/jais/aistore.git)
#   AIS_REV            revision of that repo (default HEAD; passed through to the setup tool)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
tools=${JAIS_SHARED_TOOLS:-$repo/../shared/tools}
setup=$tools/setup-ais-python-sdk.sh
dest=${JAIS_CACHE:-$HOME/.cache/jais}/ais-sdk
export AIS_REPO=${AIS_REPO:-$HOME/.cache/jais/aistore.git}

skip() { echo "SKIP: $*" >&2; exit 3; }
[[ -e "$AIS_REPO" ]] || skip "no AIS repo snapshot at $AIS_REPO (set AIS_REPO to a git clone or mirror of github:NVIDIA/aistore)"
[[ -f "$setup" ]] || skip "setup tool not found at $setup (set JAIS_SHARED_TOOLS)"

# The setup tool logs to stderr and prints one check line on stdout; keep our stdout clean
# except for that line and the final env.sh path.
bash "$setup" "$dest" >&2 || { rc=$?; echo "python-sdk-env: $setup failed (exit $rc)" >&2; exit "$rc"; }
[[ -f "$dest/env.sh" ]] || { echo "python-sdk-env: setup finished but $dest/env.sh is missing" >&2; exit 1; }
echo "$dest/env.sh"
