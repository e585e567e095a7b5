// Copyright 2026 The tablestream Authors.

#include "bench/put_cases.h"

#include <atomic>
#include <chrono>
#include <memory>

#include "bench/raw_rocksdb.h"
#include "engine/engine_impl.h"
#include "proto/item_codec.h"
#include "rocksdb/write_batch.h"
#include "stream/record_codec.h"
#include "stream/stream_keys.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

constexpr const char* kTable = "bench";

int64_t WallMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TimedRunOptions RunOptions(const PutCase& spec, const PutRunConfig& config) {
  TimedRunOptions options;
  options.threads = spec.threads;
  options.warmup_seconds = config.warmup_seconds;
  options.seconds = config.seconds;
  return options;
}

absl::StatusOr<PutCaseResult> RunEngine(const PutCase& spec,
                                        const PutRunConfig& config) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<EngineImpl> engine,
                               EngineImpl::OpenImpl(Options(), config.dir));
  CreateTableRequest create;
  create.table_name = kTable;
  create.key_schema = {{"id", KeyType::kHash}};
  create.attribute_definitions = {{"id", ScalarAttributeType::kS}};
  create.stream_specification =
      StreamSpecification{true, StreamViewType::kNewAndOldImages};
  TABLESTREAM_RETURN_IF_ERROR(engine->CreateTable(create).status());

  WriteOptions write_options;
  write_options.durable = spec.durable;
  const BenchItem& item = *config.item;
  CommitPipeline::Stats before, after;
  TimedRunOptions options = RunOptions(spec, config);
  options.window_begin = [&] { before = engine->pipeline()->stats(); };
  options.window_end = [&] { after = engine->pipeline()->stats(); };

  PutCaseResult result;
  result.spec = spec;
  result.run = RunTimed(options, [&](int thread, uint64_t index) {
    PutItemRequest request;
    request.table_name = kTable;
    request.item = item.Make(thread, index);
    return engine->PutItem(request, write_options).status();
  });
  result.writes = after.mutations - before.mutations;
  result.groups = after.groups - before.groups;
  result.syncs = after.synced_groups - before.synced_groups;
  return result;
}

absl::StatusOr<PutCaseResult> RunRocksDb(const PutCase& spec,
                                         const PutRunConfig& config) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<RawRocksDb> raw,
                               RawRocksDb::Open(config.dir));
  rocksdb::DB* db = raw->db();
  rocksdb::ColumnFamilyHandle* items = raw->items_cf();
  rocksdb::ColumnFamilyHandle* stream = raw->stream_cf();
  rocksdb::WriteOptions write_options;
  write_options.sync = spec.durable;
  const BenchItem& item = *config.item;
  std::atomic<uint64_t> next_sequence{1};

  auto put = [&](int thread, uint64_t index) {
    Item value = item.Make(thread, index);
    return FromRocksDB(db->Put(write_options, items, BenchItem::RawKey(value),
                               EncodeItem(value)),
                       "put");
  };
  // The engine's physical work without its bookkeeping: read the old item,
  // build the record with both images, write item and record in one batch.
  auto floor = [&](int thread, uint64_t index) -> absl::Status {
    Item value = item.Make(thread, index);
    const std::string key = BenchItem::RawKey(value);
    std::string old_bytes;
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), items, key, &old_bytes);
    std::optional<Item> old;
    if (s.ok()) {
      TABLESTREAM_ASSIGN_OR_RETURN(old, DecodeItem(old_bytes));
    } else if (!s.IsNotFound()) {
      return FromRocksDB(s, "get");
    }
    Item keys = {{"id", value.at("id")}};
    ItemChange change;
    change.event = old ? EventName::kModify : EventName::kInsert;
    change.keys = &keys;
    change.old_item = old ? &*old : nullptr;
    change.new_item = &value;
    rocksdb::WriteBatch batch;
    batch.Put(items, key, EncodeItem(value));
    batch.Put(
        stream, RecordKey(1, 0, next_sequence.fetch_add(1)),
        EncodeRecord(change, StreamViewType::kNewAndOldImages, WallMicros()));
    return FromRocksDB(db->Write(write_options, &batch), "write");
  };

  rocksdb::Statistics* stats = raw->statistics();
  uint64_t done_self = 0, done_other = 0, synced = 0;
  TimedRunOptions options = RunOptions(spec, config);
  options.window_begin = [&] {
    done_self = stats->getTickerCount(rocksdb::WRITE_DONE_BY_SELF);
    done_other = stats->getTickerCount(rocksdb::WRITE_DONE_BY_OTHER);
    synced = stats->getTickerCount(rocksdb::WAL_FILE_SYNCED);
  };
  options.window_end = [&] {
    done_self = stats->getTickerCount(rocksdb::WRITE_DONE_BY_SELF) - done_self;
    done_other =
        stats->getTickerCount(rocksdb::WRITE_DONE_BY_OTHER) - done_other;
    synced = stats->getTickerCount(rocksdb::WAL_FILE_SYNCED) - synced;
  };

  PutCaseResult result;
  result.spec = spec;
  if (spec.kind == PutKind::kRocksDbPut) {
    result.run = RunTimed(options, put);
  } else {
    result.run = RunTimed(options, floor);
  }
  result.writes = done_self + done_other;
  result.groups = done_self;
  result.syncs = synced;
  return result;
}

}  // namespace

const char* PutKindLabel(PutKind kind) {
  switch (kind) {
    case PutKind::kEngine:
      return "tablestream put";
    case PutKind::kRocksDbPut:
      return "rocksdb put";
    case PutKind::kRocksDbFloor:
      return "rocksdb get+2cf batch";
  }
  return "?";
}

const char* PutKindName(PutKind kind) {
  switch (kind) {
    case PutKind::kEngine:
      return "engine";
    case PutKind::kRocksDbPut:
      return "rocksdb";
    case PutKind::kRocksDbFloor:
      return "floor";
  }
  return "?";
}

absl::StatusOr<PutCaseResult> RunPutCase(const PutCase& spec,
                                         const PutRunConfig& config) {
  if (spec.kind == PutKind::kEngine) return RunEngine(spec, config);
  return RunRocksDb(spec, config);
}

}  // namespace tablestream
