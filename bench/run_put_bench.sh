#!/usr/bin/env bash
# Builds put_bench (RelWithDebInfo, tests off) into ./build-bench and runs it
# with its defaults, printing the table and writing
# bench/results/put_bench-<date>.json. Extra arguments go to put_bench, e.g.
#   bench/run_put_bench.sh --rounds=3
# Run it on an otherwise idle machine: the figures are ratios measured in one
# run, but other load still skews them (put_bench prints the load average).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build-bench}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTABLESTREAM_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target put_bench >/dev/null
mkdir -p bench/results
out="bench/results/put_bench-$(date +%Y-%m-%d-%H%M%S).json"
"$BUILD_DIR/bench/put_bench" --json "$out" "$@"
echo "wrote $out"
