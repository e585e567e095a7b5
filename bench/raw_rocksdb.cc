// Copyright 2026 The tablestream Authors.

#include "bench/raw_rocksdb.h"

#include "absl/strings/str_cat.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "util/rocksdb_status.h"

namespace tablestream {

absl::StatusOr<std::unique_ptr<RawRocksDb>> RawRocksDb::Open(
    const std::string& path, size_t write_buffer_bytes,
    size_t block_cache_bytes) {
  std::unique_ptr<RawRocksDb> raw(new RawRocksDb());
  // Mirrors EngineImpl::OpenDb (engine/engine_open.cc).
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.info_log_level = rocksdb::InfoLogLevel::INFO_LEVEL;
  db_options.keep_log_file_num = 5;
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.track_and_verify_wals_in_manifest = true;
  db_options.max_total_wal_size = 1ull << 30;
  db_options.db_write_buffer_size = write_buffer_bytes;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = 1 << 20;
  db_options.wal_bytes_per_sync = 1 << 20;
  // Benchmark only: tickers, without the timers that would slow RocksDB down.
  raw->statistics_ = rocksdb::CreateDBStatistics();
  raw->statistics_->set_stats_level(rocksdb::kExceptHistogramOrTimers);
  db_options.statistics = raw->statistics_;

  auto cache = rocksdb::NewLRUCache(block_cache_bytes);
  auto cf_options = [&](bool bloom, size_t write_buffer) {
    rocksdb::ColumnFamilyOptions cf;
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = cache;
    table.cache_index_and_filter_blocks = true;
    table.pin_l0_filter_and_index_blocks_in_cache = true;
    if (bloom) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    cf.write_buffer_size = write_buffer;
    cf.compression = rocksdb::kLZ4Compression;
    cf.bottommost_compression = rocksdb::kZSTD;
    cf.level_compaction_dynamic_level_bytes = true;
    return cf;
  };
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, cf_options(false, 4 << 20)},
      {"items", cf_options(true, write_buffer_bytes / 2)},
      {"stream", cf_options(false, write_buffer_bytes / 4)},
      {"catalog", cf_options(false, 4 << 20)},
  };
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, path, families, &raw->handles_, &db);
  if (!s.ok()) {
    return FromRocksDB(s, absl::StrCat("opening raw RocksDB at ", path));
  }
  raw->db_.reset(db);
  return raw;
}

RawRocksDb::~RawRocksDb() {
  if (db_ == nullptr) return;
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    (void)db_->DestroyColumnFamilyHandle(h);  // Ignored: cannot fail here.
  }
  (void)db_->Close();  // Ignored: nothing to do about a failed close.
}

}  // namespace tablestream
