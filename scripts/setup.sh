#!/usr/bin/env bash
# Installs the Debian 12 packages tablestream builds with. Safe to run again.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config
  librocksdb-dev            # the storage substrate (7.8.3)
  libprotobuf-dev protobuf-compiler   # on-disk schemas
  libabsl-dev               # Status, Mutex, strings
  libgtest-dev libgmock-dev # tests
  libbenchmark-dev          # micro-benchmarks
  nlohmann-json3-dev        # JSON API (a well-kept parser beats a hand-written one)
  libsqlite3-dev            # tsbench's SQLite-with-triggers comparison target
  gnuplot-nox               # bench/run_comparison.sh draws docs/benchmarks-durable.png
  python3                   # python: trigger handlers run in a python3 worker
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
