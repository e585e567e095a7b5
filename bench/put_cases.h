// Copyright 2026 The tablestream Authors.
//
// The cases of put_bench and what one run of a case reports. A case is one
// kind of writer at one durability and one number of writer threads; each
// run gets a fresh database directory.
//
//   kEngine       tablestream PutItem into a table whose stream is
//                 NEW_AND_OLD_IMAGES (item + record + item count committed
//                 by the commit pipeline).
//   kRocksDbPut   raw RocksDB Put of the same key and item bytes into the
//                 items column family.
//   kRocksDbFloor raw RocksDB Get of the old item, then one WriteBatch of the
//                 item and its stream record into two column families: the
//                 physical floor of the engine's design, without its
//                 ordering, gap-freedom or counters.
//
// Durable runs use WriteOptions{durable=true} / rocksdb sync=true; the others
// durable=false / sync=false (WAL on in both).

#ifndef TABLESTREAM_BENCH_PUT_CASES_H_
#define TABLESTREAM_BENCH_PUT_CASES_H_

#include <string>

#include "absl/status/statusor.h"
#include "bench/bench_item.h"
#include "bench/timed_run.h"

namespace tablestream {

enum class PutKind { kEngine, kRocksDbPut, kRocksDbFloor };

// "tablestream put", "rocksdb put", "rocksdb get+2cf batch".
const char* PutKindLabel(PutKind kind);
// "engine", "rocksdb", "floor": the prefix of the --cases names.
const char* PutKindName(PutKind kind);

struct PutCase {
  PutKind kind = PutKind::kEngine;
  bool durable = true;
  int threads = 1;
  int round = 0;
};

struct PutCaseResult {
  PutCase spec;
  TimedRunResult run;
  // Over the window: operations committed, groups written, groups synced
  // (engine: CommitPipeline::Stats; RocksDB: WRITE_DONE_BY_SELF+OTHER,
  // WRITE_DONE_BY_SELF and WAL_FILE_SYNCED tickers).
  uint64_t writes = 0;
  uint64_t groups = 0;
  uint64_t syncs = 0;
};

struct PutRunConfig {
  std::string dir;  // the case's fresh database directory
  double warmup_seconds = 1;
  double seconds = 3;
  const BenchItem* item = nullptr;
};

// Runs one case in config.dir (created here, left for the caller to remove).
absl::StatusOr<PutCaseResult> RunPutCase(const PutCase& spec,
                                         const PutRunConfig& config);

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_PUT_CASES_H_
