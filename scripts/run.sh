#!/usr/bin/env bash
# Install and run the dashboard on a fresh Debian machine: Debian's Chromium (the server renders the
# charts' image downloads with it) when missing, the Python runtime, then `streamlit run` on port 8501.
# The database is built from data/ on the first start. Extra arguments go to `streamlit run`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/chromium.sh
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/streamlit run dashboard/app.py "$@"
