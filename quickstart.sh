#!/usr/bin/env bash
# Quick start: install Kaohe in .venv, build the demo site (every seed scheme) and serve it.
#   ./quickstart.sh            build both editions, then serve the public one on http://127.0.0.1:8000/
#   ./quickstart.sh --no-serve build only (site/ and site-internal/)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
.venv/bin/kaohe check
.venv/bin/kaohe build
.venv/bin/kaohe build --audience internal
if [ "${1:-}" != "--no-serve" ]; then
  exec .venv/bin/kaohe serve --addr "${KAOHE_ADDR:-127.0.0.1:8000}"
fi
