#!/usr/bin/env bash
# Sets up, builds, and runs the crash tester for SECONDS (default 60) with
# the built-in workload; extra arguments go to `tablestream crash-test`
# (see `tablestream crash-test --help`). Exit status 1 on any violation.
#
#   bash scripts/crash_test.sh              # one minute (CI)
#   bash scripts/crash_test.sh 3600 --seed=7  # the long run
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
bash scripts/build.sh >/dev/null
build/tools/tablestream crash-test --seconds="$seconds" --quiet "$@"
