#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run lint and the whole suite.
# Used by the README and by .ci/run; extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y chromium || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y chromium; }
fi

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
