// Copyright 2026 The tablestream Authors.
//
// RunTimed drives one benchmark case: `threads` threads call an operation in
// a closed loop (each thread issues its next operation when the previous one
// returns), first for a warm-up that is discarded, then for a measured window
// of fixed length. Throughput counts the operations that complete inside the
// window; latency percentiles are over those same operations.
//
// Not thread-safe itself: call it from one thread at a time.

#ifndef TABLESTREAM_BENCH_TIMED_RUN_H_
#define TABLESTREAM_BENCH_TIMED_RUN_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"

namespace tablestream {

// One call of the operation: `thread` in [0, threads), `index` counts that
// thread's calls from 0. Called concurrently from all threads.
using TimedOp = std::function<absl::Status(int thread, uint64_t index)>;

struct TimedRunOptions {
  int threads = 1;
  double warmup_seconds = 1;
  double seconds = 3;
  // Called (from the driving thread) just before the window opens and just
  // after it closes, e.g. to snapshot counters. May be empty.
  std::function<void()> window_begin;
  std::function<void()> window_end;
};

struct TimedRunResult {
  uint64_t ops = 0;    // completed OK inside the window
  double seconds = 0;  // the window's measured length
  double ops_per_second = 0;
  double p50_micros = 0;
  double p99_micros = 0;
  double p999_micros = 0;
  // Process CPU time (user + system, all threads, RocksDB's background
  // threads included) spent in the window, per op. Less sensitive than
  // ops_per_second to other load on the machine.
  double cpu_micros_per_op = 0;
  uint64_t errors = 0;  // failed calls, warm-up included
  std::string first_error;
};

TimedRunResult RunTimed(const TimedRunOptions& options, const TimedOp& op);

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_TIMED_RUN_H_
