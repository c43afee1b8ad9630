#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run lint and the whole suite.
# Used by the README and by .ci/run; extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/chromium.sh

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
