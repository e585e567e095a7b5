// Copyright 2026 The tablestream Authors.
//
// RawRocksDb is the benchmarks' reference point: a plain RocksDB opened with
// the same options as the engine (engine/engine_open.cc, EngineImpl::OpenDb):
// same column families (default, items, stream, catalog), WAL on with
// kPointInTimeRecovery, same memtable sizes, compression, bloom filter on
// items, block cache, background jobs and sync granularity; default Env.
// The only addition is rocksdb::Statistics (tickers only, no timers), so the
// benchmark can report WAL syncs.
//
// Keep OpenRawRocksDb in step with EngineImpl::OpenDb: a ratio against a
// differently configured RocksDB means nothing.
//
// Thread-safe as rocksdb::DB is.

#ifndef TABLESTREAM_BENCH_RAW_ROCKSDB_H_
#define TABLESTREAM_BENCH_RAW_ROCKSDB_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/statistics.h"

namespace tablestream {

class RawRocksDb {
 public:
  // Creates a new database in `path` (which must not hold one), with the
  // engine's default budgets unless given.
  static absl::StatusOr<std::unique_ptr<RawRocksDb>> Open(
      const std::string& path, size_t write_buffer_bytes = 256u << 20,
      size_t block_cache_bytes = 256u << 20);
  ~RawRocksDb();

  rocksdb::DB* db() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* items_cf() { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* stream_cf() { return handles_[2]; }
  rocksdb::Statistics* statistics() { return statistics_.get(); }

 private:
  RawRocksDb() = default;

  std::shared_ptr<rocksdb::Statistics> statistics_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_RAW_ROCKSDB_H_
