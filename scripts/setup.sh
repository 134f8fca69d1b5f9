#!/usr/bin/env bash
# Set up a fresh machine: Debian's Chromium (chart image export, browser tests) and a virtualenv in .venv.
# Usage: bash scripts/setup.sh          runtime dependencies
#        bash scripts/setup.sh --test   runtime + test dependencies
# With a C compiler at hand it also compiles the extractor with mypyc (~1.5x faster; optional).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium \
    || echo "warning: could not install chromium; PNG/SVG/PDF export and browser tests need it" >&2
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install -q -r requirements-test.txt
else
  .venv/bin/python -m pip install -q -r requirements.txt
fi
if command -v cc >/dev/null 2>&1; then
  { .venv/bin/python -m pip install -q -r requirements-build.txt && .venv/bin/python scripts/build_native.py; } \
    || echo "warning: could not compile the extractor with mypyc; its Python sources are used (slower)" >&2
fi
