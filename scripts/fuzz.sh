#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang in build-fuzz/ and runs
# each one over its seed corpus (tests/fuzz/corpus/<target>/) for
# SECONDS_PER_TARGET seconds (default 20). Fails if any target
# finds a crash, an uncaught exception, a leak, undefined behaviour or a broken
# property; the input that caused it is saved as
# build-fuzz/artifacts/<target>-crash-<sha1> (rerun it with
# build-fuzz/tests/fuzz/<target> <file>).
#
#   bash scripts/fuzz.sh          # brief run, as CI does (15 s per target)
#   bash scripts/fuzz.sh 3600     # long run: an hour per target
#
# New inputs that reach new code go to build-fuzz/corpus/<target>/, not to
# the repository's seed corpus; copy the interesting ones by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-20}"
TARGETS=(number_fuzzer shard_iterator_fuzzer attribute_json_fuzzer
         stored_item_fuzzer stored_record_fuzzer json_api_fuzzer)

bash scripts/setup.sh
# Debian's clang; libFuzzer's runtime is in libclang-rt-14-dev, which clang
# only recommends.
if ! command -v clang++ >/dev/null ||
   ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang libclang-rt-14-dev
fi

LAUNCHER=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# -O1 with line tables: what libFuzzer recommends, and much quicker to build
# than -O2 -g (CI builds the whole engine for json_api_fuzzer).
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DTABLESTREAM_FUZZ=ON \
  -DTABLESTREAM_BUILD_TESTS=OFF -DTABLESTREAM_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" \
  "${LAUNCHER[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzzers

# Sanitizers instrument only our code; Debian's RocksDB, protobuf and Abseil
# are not rebuilt (and need no ASAN_OPTIONS: they gave no container-overflow
# or ODR report). Every UBSan report aborts (-fno-sanitize-recover=all).
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
mkdir -p build-fuzz/artifacts
failed=()
for target in "${TARGETS[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  work="build-fuzz/corpus/$target"
  mkdir -p "$work"
  dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
  echo "== $target: ${SECONDS_PER_TARGET}s"
  if ! "build-fuzz/tests/fuzz/$target" "$work" "$seeds" "${dict[@]}" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=30 -rss_limit_mb=4096 \
        -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="build-fuzz/artifacts/$target-" \
        >"build-fuzz/$target.log" 2>&1; then
    tail -n 60 "build-fuzz/$target.log"
    failed+=("$target")
  else
    # "#<runs> DONE cov: <edges> ft: <features> corp: <n>/<bytes> ... exec/s: <n>"
    grep -aE "^#[0-9]+[[:space:]]+DONE" "build-fuzz/$target.log" || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in build-fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: all ${#TARGETS[@]} targets ran ${SECONDS_PER_TARGET}s without a finding"
