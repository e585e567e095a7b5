// Copyright 2026 The tablestream Authors.
//
// The command line of tsbench (bench/tsbench.cc) and its parser. Every flag
// is --name=value or --name value; an unknown flag or a bad value is refused
// with a message that names it and lists what is valid.
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_BENCH_TSBENCH_FLAGS_H_
#define TABLESTREAM_BENCH_TSBENCH_FLAGS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/workload.h"
#include "tablestream/table.h"

namespace tablestream {

// What tsbench drives, side by side on the same workload.
enum class Target {
  kTablestream,  // Engine calls
  kRocksDb,      // raw RocksDB, the item write alone
  kFloor,        // raw RocksDB, read + item-and-record batch
  kSqlite,       // SQLite WAL with change-table triggers
};
const char* TargetName(Target target);  // "tablestream", "rocksdb", ...

enum class ConsumerMode { kNone, kPoll };

struct TsbenchFlags {
  Workload workload = Workload::kInsertOnly;
  std::vector<Target> targets = {Target::kTablestream, Target::kRocksDb,
                                 Target::kFloor, Target::kSqlite};
  std::vector<int> threads = {1};
  std::vector<bool> durable = {true};
  // nullopt: stream off (and no triggers on SQLite).
  std::optional<StreamViewType> stream = StreamViewType::kNewAndOldImages;
  size_t item_bytes = 200;
  uint64_t keys = 10000;
  Distribution distribution = Distribution::kUniform;
  double zipf_theta = 0.99;
  uint64_t seed = 1;
  double seconds = 2;
  double warmup = 0.5;
  int rounds = 1;
  ConsumerMode consumer = ConsumerMode::kNone;
  bool scan = false;  // time a full stream scan after each window
  // RocksDB memory budgets of tablestream and raw RocksDB (Options::
  // write_buffer_bytes and block_cache_bytes), in MiB.
  size_t write_buffer_mib = 256;
  size_t block_cache_mib = 256;
  std::string dir = "/tmp";
  std::string json;      // write the JSON report here
  std::string markdown;  // write the summary as a Markdown table here
  std::string plot;      // write ops/s per target and thread count here
};

// argv[0] is skipped. Errors are InvalidArgument with the usage text.
absl::StatusOr<TsbenchFlags> ParseTsbenchFlags(int argc,
                                               const char* const* argv);

// One line per flag, with its valid values and default.
std::string TsbenchUsage();

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_TSBENCH_FLAGS_H_
