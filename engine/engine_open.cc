// Copyright 2026 The tablestream Authors.
//
// Opening the engine: RocksDB options and column families, the catalog, and
// recovery of the sequence counters.

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/item_key.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "stream/record_codec.h"
#include "stream/retention.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/key_encoding.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// Column families; their names are stored: never change.
constexpr const char* kItemsCf = "items";
constexpr const char* kStreamCf = "stream";
constexpr const char* kCatalogCf = "catalog";
constexpr const char* kCheckpointsCf = "checkpoints";

}  // namespace

absl::StatusOr<std::unique_ptr<Engine>> Engine::Open(const Options& options,
                                                     const std::string& path) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<EngineImpl> engine,
                               EngineImpl::OpenImpl(options, path));
  return std::unique_ptr<Engine>(std::move(engine));
}

absl::StatusOr<std::unique_ptr<EngineImpl>> EngineImpl::OpenImpl(
    const Options& options, const std::string& path,
    const InternalOptions& internal) {
  std::unique_ptr<EngineImpl> engine(new EngineImpl(options));
  if (engine->options_.clock == nullptr) engine->options_.clock = SystemClock();
  TABLESTREAM_RETURN_IF_ERROR(engine->OpenDb(path, internal));
  TABLESTREAM_RETURN_IF_ERROR(engine->Recover());
  if (engine->options_.retention_interval_seconds > 0) {
    EngineImpl* self = engine.get();
    engine->retention_thread_ = std::thread([self] { self->RetentionLoop(); });
  }
  return engine;
}

EngineImpl::~EngineImpl() {
  {
    absl::MutexLock lock(&retention_mu_);
    stopping_ = true;
  }
  if (retention_thread_.joinable()) retention_thread_.join();
  pipeline_.reset();
  if (db_ != nullptr) {
    for (rocksdb::ColumnFamilyHandle* h : handles_) {
      // Ignored: destroying a handle of an open DB cannot fail here.
      (void)db_->DestroyColumnFamilyHandle(h);
    }
    (void)db_->Close();  // Ignored: nothing to do about a failed close.
  }
}

absl::Status EngineImpl::OpenDb(const std::string& path,
                                const InternalOptions& internal) {
  if (!options_.create_if_missing && !std::filesystem::exists(path)) {
    return MakeError(
        kResourceNotFoundException,
        absl::StrCat("no database at ", path, " (create_if_missing is false)"));
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options_.create_if_missing;
  db_options.create_missing_column_families = true;
  if (internal.env != nullptr) db_options.env = internal.env;
  // Debian's build logs at DEBUG level unless told otherwise.
  db_options.info_log_level = rocksdb::InfoLogLevel::INFO_LEVEL;
  db_options.keep_log_file_num = 5;
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.track_and_verify_wals_in_manifest = true;
  db_options.max_total_wal_size = 1ull << 30;
  db_options.db_write_buffer_size = options_.write_buffer_bytes;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = 1 << 20;
  db_options.wal_bytes_per_sync = 1 << 20;

  auto cache = rocksdb::NewLRUCache(options_.block_cache_bytes);
  auto cf_options = [&](bool bloom, size_t write_buffer) {
    rocksdb::ColumnFamilyOptions cf;
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = cache;
    table.cache_index_and_filter_blocks = true;
    table.pin_l0_filter_and_index_blocks_in_cache = true;
    // Every INSERT looks up an absent key: a bloom filter makes that cheap.
    if (bloom) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    cf.write_buffer_size = write_buffer;
    cf.compression = rocksdb::kLZ4Compression;
    cf.bottommost_compression = rocksdb::kZSTD;
    cf.level_compaction_dynamic_level_bytes = true;
    return cf;
  };
  const size_t budget = options_.write_buffer_bytes;
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, cf_options(false, 4 << 20)},
      {kItemsCf, cf_options(true, budget / 2)},
      {kStreamCf, cf_options(false, budget / 4)},
      {kCatalogCf, cf_options(false, 4 << 20)},
      {kCheckpointsCf, cf_options(false, 4 << 20)},
  };
  // Retention's backstop: compactions drop records below their shard's trim
  // point, and periodic compaction revisits old files. The retention task
  // does the timely work (RocksDB 7.8 runs no periodic compaction on an idle
  // database).
  families[2].options.compaction_filter_factory =
      NewTrimCompactionFilterFactory(trims_);
  families[2].options.periodic_compaction_seconds = 6 * 3600;
  rocksdb::DB* db = nullptr;
  TABLESTREAM_RETURN_IF_ERROR(
      FromRocksDB(rocksdb::DB::Open(db_options, path, families, &handles_, &db),
                  absl::StrCat("opening the database at ", path)));
  db_.reset(db);
  context_.items_cf = handles_[1];
  context_.stream_cf = handles_[2];
  context_.catalog_cf = handles_[3];
  context_.checkpoints_cf = handles_[4];
  return absl::OkStatus();
}

absl::Status EngineImpl::Recover() {
  TABLESTREAM_ASSIGN_OR_RETURN(
      catalog_, Catalog::Load(db_.get(), context_.catalog_cf, options_.region,
                              options_.account_id));
  context_.catalog = catalog_.get();
  TABLESTREAM_ASSIGN_OR_RETURN(
      consumers_, ConsumerRegistry::Load(db_.get(), context_.checkpoints_cf));
  context_.consumers = consumers_.get();

  CommitPipelineOptions pipeline_options;
  pipeline_options.max_group_size = options_.max_commit_group_size;
  pipeline_options.clock = options_.clock;
  pipeline_options.counters_cf = context_.catalog_cf;
  pipeline_ = std::make_unique<CommitPipeline>(db_.get(), pipeline_options);

  // Each shard's next sequence is one past its last stored record.
  for (const auto& stream : catalog_->Streams()) {
    const uint64_t stream_id = stream->info.stream_id();
    for (const storage::ShardInfo& shard : stream->info.shards()) {
      std::unique_ptr<rocksdb::Iterator> it(
          db_->NewIterator(rocksdb::ReadOptions(), context_.stream_cf));
      it->SeekForPrev(RecordKey(stream_id, shard.ordinal(), UINT64_MAX));
      uint64_t next = shard.first_sequence();
      if (it->Valid()) {
        std::optional<RecordKeyParts> key = ParseRecordKey(
            std::string_view(it->key().data(), it->key().size()));
        if (key && key->stream_id == stream_id &&
            key->shard_ordinal == shard.ordinal()) {
          next = key->sequence + 1;
          // Commit times stay monotonic even if the clock went back while
          // the engine was closed.
          TABLESTREAM_ASSIGN_OR_RETURN(
              int64_t created,
              DecodeRecordTime(std::string_view(it->value().data(),
                                                it->value().size())));
          pipeline_->AdvanceCommitTime(created);
        }
      }
      TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(it->status(), "recovery scan"));
      pipeline_->RegisterLog(ShardLogId(stream_id, shard.ordinal()), next);
      pipeline_->AdvanceCommitTime(shard.closed_time_micros());
    }
    pipeline_->AdvanceCommitTime(std::max(stream->info.creation_time_micros(),
                                          stream->info.disabled_time_micros()));
  }

  // A brand-new database gets its catalog meta record.
  std::string meta;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), context_.catalog_cf,
                               CatalogMetaKey(), &meta);
  if (s.IsNotFound()) {
    rocksdb::WriteOptions write_options;
    write_options.sync = true;
    TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(
        db_->Put(write_options, context_.catalog_cf, CatalogMetaKey(),
                 catalog_->meta().SerializeAsString()),
        "writing the catalog of a new database"));
  } else {
    TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(s, "catalog read"));
  }
  TABLESTREAM_RETURN_IF_ERROR(RemoveDeletedTableItems());
  return InitTrimPoints();
}

absl::Status EngineImpl::RemoveDeletedTableItems() {
  // DeleteTable removes a table's items after its catalog change commits; a
  // crash in between leaves items of a table id that no table has.
  std::set<uint64_t> live;
  for (const std::string& name : catalog_->TableNames()) {
    live.insert(catalog_->FindTable(name)->info.table_id());
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), context_.items_cf));
  for (it->SeekToFirst(); it->Valid();) {
    if (it->key().size() < 8) {
      return MakeError(kInternalServerError, "malformed key in the items CF");
    }
    const uint64_t table_id = DecodeFixed64BE(it->key().data());
    if (live.count(table_id) == 0) {
      TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(
          db_->DeleteRange(rocksdb::WriteOptions(), context_.items_cf,
                           TableKeyBegin(table_id), TableKeyEnd(table_id)),
          "removing the items of a deleted table"));
    }
    it->Seek(TableKeyEnd(table_id));
  }
  return FromRocksDB(it->status(), "deleted-table scan");
}

}  // namespace tablestream
