#!/usr/bin/env bash
# Prints --absent flags for a what-if on a plan file: the first two people of
# the SPOC order away for most of the second month and a fortnight overlapping,
# so the conformance check also covers a moved SPOC, buddies and gaps.
set -euo pipefail
f=$1
python3 - "$f" <<'PY'
import sys, tomllib, datetime as dt
doc = tomllib.load(open(sys.argv[1], "rb"))
p = doc["plan"]
rota = [x["id"] for x in doc.get("person", []) if x.get("rota", True)]
order = doc.get("spoc", {}).get("order", rota)
s = p["start"]
m2 = (s.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
a = m2 + dt.timedelta(days=2)
out = [f"{order[0]}:{m2}:{m2 + dt.timedelta(days=24)}", f"{order[1]}:{a}:{a + dt.timedelta(days=13)}"]
print(" ".join(f"--absent {x}" for x in out))
PY
