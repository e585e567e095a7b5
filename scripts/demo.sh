#!/usr/bin/env bash
# Sets up, builds, and runs the demonstration on a fresh database
# (default: ./tablestream-data, or $TABLESTREAM_DB).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/tools/tablestream demo "$@"
