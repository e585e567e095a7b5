// Copyright 2026 The tablestream Authors.
//
// BenchTarget is one store that tsbench drives: tablestream, raw RocksDB (the
// item write alone, or the read + item-and-record batch "floor") or SQLite
// with change-table triggers. Each performs the workload's operations on the
// same items (WorkloadItems) so their figures compare.
//
// ChangeReader reads a target's change stream in commit order from its
// beginning. tsbench's consumer thread and its full-scan timing use it. Today
// the tablestream reader polls GetShardIterator/GetRecords; when the engine
// gets consumers or a blocking read, add a ChangeReader over them and pick it
// with --consumer.
//
// Thread-safety: Do() is called concurrently from the writer threads (each
// passing its own `thread` index < the threads given to Open); a ChangeReader
// is used by one thread, concurrently with Do().

#ifndef TABLESTREAM_BENCH_BENCH_TARGET_H_
#define TABLESTREAM_BENCH_BENCH_TARGET_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "bench/bench_item.h"
#include "bench/tsbench_flags.h"
#include "bench/workload.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// The items of a run: key k's item is BenchItem::Make(0, k) (200 bytes by
// default) with "age" set to a version and "ts" to the write's wall-clock
// time in microseconds, which consumers use to measure their lag.
class WorkloadItems {
 public:
  explicit WorkloadItems(size_t item_bytes) : base_(item_bytes) {}
  Item Make(uint64_t key, uint64_t version, int64_t ts_micros) const;
  // The item's key ({"id": ...}).
  Item Key(uint64_t key) const;
  // The "id" value of key k (20 characters).
  std::string Id(uint64_t key) const;

 private:
  BenchItem base_;
};

int64_t NowMicros();  // wall clock, microseconds since the epoch

class ChangeReader {
 public:
  virtual ~ChangeReader() = default;
  // Reads the next records (up to 1000). For each record whose new image
  // carries "ts", appends it to *write_micros (so lag is measured on INSERT
  // and MODIFY records of NEW_IMAGE and NEW_AND_OLD_IMAGES streams). Returns how many records it read; 0
  // when it has caught up.
  virtual absl::StatusOr<size_t> Poll(std::vector<int64_t>* write_micros) = 0;
};

struct TargetConfig {
  std::string dir;  // fresh, created by the caller
  bool durable = true;
  std::optional<StreamViewType> stream;  // nullopt: no stream / no triggers
  int threads = 1;
  size_t write_buffer_bytes = 256u << 20;  // tablestream and raw RocksDB
  size_t block_cache_bytes = 256u << 20;
  const WorkloadItems* items = nullptr;
};

class BenchTarget {
 public:
  static absl::StatusOr<std::unique_ptr<BenchTarget>> Open(
      Target target, const TargetConfig& config);
  virtual ~BenchTarget() = default;

  // Writes the items of keys [0, keys), not durably, outside the window.
  virtual absl::Status Load(uint64_t keys) = 0;
  // One operation. `version` makes each update's value differ.
  virtual absl::Status Do(const OpChooser::Op& op, int thread,
                          uint64_t version) = 0;
  // A reader from the stream's beginning, or null if the target has no
  // ordered change stream (raw RocksDB put, the floor, a stream that is off).
  virtual absl::StatusOr<std::unique_ptr<ChangeReader>> NewChangeReader() = 0;
  // Writes per WAL sync in the window, if the target knows (else 0). Called
  // at the window's begin and end.
  virtual void SnapshotCounters() {}
  virtual double WritesPerSync() const { return 0; }
  // Where RocksDB's memory is now (memtables, table readers, block cache),
  // for tablestream and raw RocksDB; empty for other targets.
  virtual std::string RocksDbMemory() { return ""; }
};

// The memory report of RocksDbMemory() for `db`.
std::string DescribeRocksDbMemory(rocksdb::DB* db);

// Constructors of the implementations (bench/target_*.cc).
absl::StatusOr<std::unique_ptr<BenchTarget>> OpenEngineTarget(
    const TargetConfig& config);
absl::StatusOr<std::unique_ptr<BenchTarget>> OpenRocksDbTarget(
    const TargetConfig& config, bool floor);
absl::StatusOr<std::unique_ptr<BenchTarget>> OpenSqliteTarget(
    const TargetConfig& config);

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_BENCH_TARGET_H_
