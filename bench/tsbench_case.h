// Copyright 2026 The tablestream Authors.
//
// One tsbench case: a target at one durability and one writer count, in a
// fresh directory. RunTsbenchCase loads the key space (if the workload needs
// it), starts the consumer (if asked), runs the workload for the warm-up and
// the window (bench/timed_run.h), lets the consumer drain, and times a full
// stream scan (if asked).
//
// Measures, over the window unless said otherwise:
// - ops/s and latency percentiles (timed_run);
// - bytes written per op, from /proc/self/io: `write_bytes` (bytes the
//   process caused to be sent to storage: a page counts each time it is
//   dirtied, so a 4 KiB WAL page synced after every 500-byte append counts
//   4 KiB each time) and `wchar` (bytes passed to write(2) and friends);
//   the engine does not expose RocksDB statistics, and /proc also covers
//   SQLite, so the same measure serves every target;
// - peak resident memory of the case (VmHWM, reset through
//   /proc/self/clear_refs before the case opens its database; load included);
// - consumer: lag from write (the item's "ts") to the consumer reading the
//   record, p50/p99/max; records read in the window; the backlog left when
//   the window closed (records read after it, until caught up) and the time
//   to drain it.

#ifndef TABLESTREAM_BENCH_TSBENCH_CASE_H_
#define TABLESTREAM_BENCH_TSBENCH_CASE_H_

#include <string>

#include "absl/status/statusor.h"
#include "bench/bench_target.h"
#include "bench/timed_run.h"
#include "bench/tsbench_flags.h"

namespace tablestream {

struct TsbenchCase {
  Target target = Target::kTablestream;
  bool durable = true;
  int threads = 1;
  int round = 0;
};

struct ConsumerFigures {
  bool ran = false;
  uint64_t records_in_window = 0;
  double lag_p50_millis = 0;
  double lag_p99_millis = 0;
  double lag_max_millis = 0;
  uint64_t backlog_records = 0;  // read after the window closed
  double drain_seconds = 0;
};

struct ScanFigures {
  bool ran = false;
  uint64_t records = 0;
  double seconds = 0;
  double records_per_second = 0;
};

struct TsbenchCaseResult {
  TsbenchCase spec;
  TimedRunResult run;
  double write_bytes_per_op = 0;  // /proc/self/io write_bytes
  double wchar_per_op = 0;        // /proc/self/io wchar
  double peak_rss_mib = 0;        // VmHWM
  double writes_per_sync = 0;     // 0 if unknown or not durable
  std::string rocksdb_memory;     // BenchTarget::RocksDbMemory() at the end
  ConsumerFigures consumer;
  ScanFigures scan;
};

// Runs one case in `dir` (created here; the caller removes it).
absl::StatusOr<TsbenchCaseResult> RunTsbenchCase(const TsbenchCase& spec,
                                                 const TsbenchFlags& flags,
                                                 const WorkloadItems& items,
                                                 const ZipfianTable* zipf,
                                                 const std::string& dir);

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_TSBENCH_CASE_H_
