// Copyright 2026 The tablestream Authors.
//
// tsbench's raw RocksDB targets, on a DB opened like the engine's
// (bench/raw_rocksdb.h):
//   rocksdb  the item write alone: Get for reads, Put of the whole item for
//            inserts, puts and updates (a blind write), Delete for deletes.
//   floor    what the engine must do at least: Get of the old item, then one
//            WriteBatch with the item write (or delete) and its stream record
//            (images per the view type) in the stream column family. The
//            record's sequence comes from an atomic counter, so commit order
//            and sequence order may differ: no ordered stream to consume.

#include <atomic>

#include "bench/bench_target.h"
#include "bench/raw_rocksdb.h"
#include "proto/item_codec.h"
#include "rocksdb/write_batch.h"
#include "stream/record_codec.h"
#include "stream/stream_keys.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

class RocksDbTarget : public BenchTarget {
 public:
  RocksDbTarget(std::unique_ptr<RawRocksDb> raw, const TargetConfig& config,
                bool floor)
      : raw_(std::move(raw)), config_(config), floor_(floor) {
    write_options_.sync = config.durable;
  }

  absl::Status Load(uint64_t keys) override {
    rocksdb::WriteBatch batch;
    for (uint64_t k = 0; k < keys; ++k) {
      const Item item = config_.items->Make(k, 0, NowMicros());
      batch.Put(raw_->items_cf(), BenchItem::RawKey(item), EncodeItem(item));
      if (batch.Count() == 1000 || k + 1 == keys) {
        TABLESTREAM_RETURN_IF_ERROR(
            FromRocksDB(raw_->db()->Write(rocksdb::WriteOptions(), &batch),
                        "load"));
        batch.Clear();
      }
    }
    return absl::OkStatus();
  }

  absl::Status Do(const OpChooser::Op& op, int thread,
                  uint64_t version) override {
    const Item key_item = config_.items->Key(op.key);
    const std::string key = BenchItem::RawKey(key_item);
    if (op.kind == OpKind::kRead) {
      std::string value;
      rocksdb::Status s =
          raw_->db()->Get(rocksdb::ReadOptions(), raw_->items_cf(), key, &value);
      if (s.IsNotFound()) return absl::OkStatus();
      TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(s, "get"));
      return DecodeItem(value).status();
    }
    if (!floor_) {
      if (op.kind == OpKind::kDelete) {
        return FromRocksDB(
            raw_->db()->Delete(write_options_, raw_->items_cf(), key),
            "delete");
      }
      const Item item = config_.items->Make(op.key, version, NowMicros());
      return FromRocksDB(raw_->db()->Put(write_options_, raw_->items_cf(), key,
                                         EncodeItem(item)),
                         "put");
    }
    return Floor(op, key_item, key, version);
  }

  absl::StatusOr<std::unique_ptr<ChangeReader>> NewChangeReader() override {
    return nullptr;
  }

  void SnapshotCounters() override {
    rocksdb::Statistics* stats = raw_->statistics();
    const uint64_t writes =
        stats->getTickerCount(rocksdb::WRITE_DONE_BY_SELF) +
        stats->getTickerCount(rocksdb::WRITE_DONE_BY_OTHER);
    const uint64_t syncs = stats->getTickerCount(rocksdb::WAL_FILE_SYNCED);
    window_writes_ = writes - last_writes_;
    window_syncs_ = syncs - last_syncs_;
    last_writes_ = writes;
    last_syncs_ = syncs;
  }
  std::string RocksDbMemory() override {
    return DescribeRocksDbMemory(raw_->db());
  }
  double WritesPerSync() const override {
    return window_syncs_ == 0 ? 0 : 1.0 * window_writes_ / window_syncs_;
  }

 private:
  absl::Status Floor(const OpChooser::Op& op, const Item& key_item,
                     const std::string& key, uint64_t version) {
    std::string old_bytes;
    rocksdb::Status s = raw_->db()->Get(rocksdb::ReadOptions(),
                                        raw_->items_cf(), key, &old_bytes);
    std::optional<Item> old;
    if (s.ok()) {
      TABLESTREAM_ASSIGN_OR_RETURN(old, DecodeItem(old_bytes));
    } else if (!s.IsNotFound()) {
      return FromRocksDB(s, "get");
    }
    rocksdb::WriteBatch batch;
    ItemChange change;
    change.keys = &key_item;
    change.old_item = old ? &*old : nullptr;
    change.old_item_bytes = old ? &old_bytes : nullptr;
    Item new_item;
    std::string new_bytes;
    if (op.kind == OpKind::kDelete) {
      if (!old) return absl::OkStatus();  // nothing changes, no record
      change.event = EventName::kRemove;
      batch.Delete(raw_->items_cf(), key);
    } else {
      if (op.kind == OpKind::kUpdate && old) {
        new_item = *old;
        new_item["age"] = AttributeValue::N(std::to_string(version));
        new_item["ts"] = AttributeValue::N(std::to_string(NowMicros()));
      } else {
        new_item = config_.items->Make(op.key, version, NowMicros());
      }
      new_bytes = EncodeItem(new_item);
      change.event = old ? EventName::kModify : EventName::kInsert;
      change.new_item = &new_item;
      change.new_item_bytes = &new_bytes;
      batch.Put(raw_->items_cf(), key, new_bytes);
    }
    if (config_.stream) {
      batch.Put(raw_->stream_cf(), RecordKey(1, 0, next_sequence_++),
                EncodeRecord(change, *config_.stream, NowMicros()));
    }
    return FromRocksDB(raw_->db()->Write(write_options_, &batch), "write");
  }

  std::unique_ptr<RawRocksDb> raw_;
  TargetConfig config_;
  bool floor_;
  rocksdb::WriteOptions write_options_;
  std::atomic<uint64_t> next_sequence_{1};
  uint64_t last_writes_ = 0, last_syncs_ = 0;
  uint64_t window_writes_ = 0, window_syncs_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<BenchTarget>> OpenRocksDbTarget(
    const TargetConfig& config, bool floor) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<RawRocksDb> raw,
                               RawRocksDb::Open(config.dir, config.write_buffer_bytes,
                                                config.block_cache_bytes));
  return std::unique_ptr<BenchTarget>(
      new RocksDbTarget(std::move(raw), config, floor));
}

}  // namespace tablestream
