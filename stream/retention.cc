// Copyright 2026 The tablestream Authors.

#include "stream/retention.h"

#include <string>

#include "absl/strings/str_format.h"
#include "rocksdb/convenience.h"
#include "stream/record_codec.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// Drops records whose key is below their shard's trim point.
class TrimCompactionFilter : public rocksdb::CompactionFilter {
 public:
  explicit TrimCompactionFilter(std::shared_ptr<const TrimPoints> trims)
      : trims_(std::move(trims)) {}

  Decision FilterV2(int /*level*/, const rocksdb::Slice& key,
                    ValueType /*value_type*/,
                    const rocksdb::Slice& /*existing_value*/,
                    std::string* /*new_value*/,
                    std::string* /*skip_until*/) const override {
    std::optional<RecordKeyParts> parts =
        ParseRecordKey(std::string_view(key.data(), key.size()));
    if (!parts) return Decision::kKeep;
    const uint64_t reclaim =
        trims_->GetReclaim(ShardLogId(parts->stream_id, parts->shard_ordinal));
    return parts->sequence < reclaim ? Decision::kRemove : Decision::kKeep;
  }

  const char* Name() const override { return "tablestream.TrimFilter"; }

 private:
  std::shared_ptr<const TrimPoints> trims_;
};

class TrimCompactionFilterFactory : public rocksdb::CompactionFilterFactory {
 public:
  explicit TrimCompactionFilterFactory(std::shared_ptr<const TrimPoints> trims)
      : trims_(std::move(trims)) {}

  std::unique_ptr<rocksdb::CompactionFilter> CreateCompactionFilter(
      const rocksdb::CompactionFilter::Context& /*context*/) override {
    return std::make_unique<TrimCompactionFilter>(trims_);
  }

  const char* Name() const override { return "tablestream.TrimFilterFactory"; }

 private:
  std::shared_ptr<const TrimPoints> trims_;
};

}  // namespace

absl::StatusOr<int64_t> RecordCreatedMicros(rocksdb::DB* db,
                                            rocksdb::ColumnFamilyHandle* cf,
                                            uint64_t stream_id,
                                            uint32_t ordinal,
                                            uint64_t sequence) {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf,
                              RecordKey(stream_id, ordinal, sequence), &value);
  if (s.IsNotFound()) {
    return MakeError(kInternalServerError,
                     absl::StrFormat("stream %u shard %u: record %u is missing",
                                     stream_id, ordinal, sequence));
  }
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(s, "stream record read"));
  return DecodeRecordTime(value);
}

absl::StatusOr<uint64_t> FirstRecordCreatedAtOrAfter(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, uint64_t stream_id,
    uint32_t shard_ordinal, uint64_t from, uint64_t end,
    int64_t cutoff_micros) {
  // Invariant: records below `low` are older than the cutoff; records at or
  // above `high` are not.
  uint64_t low = from;
  uint64_t high = end;
  while (low < high) {
    const uint64_t mid = low + (high - low) / 2;
    TABLESTREAM_ASSIGN_OR_RETURN(
        int64_t created,
        RecordCreatedMicros(db, cf, stream_id, shard_ordinal, mid));
    if (created < cutoff_micros) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

absl::StatusOr<std::optional<uint64_t>> FirstStoredRecord(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, uint64_t stream_id,
    uint32_t shard_ordinal) {
  const std::string start = RecordKey(stream_id, shard_ordinal, 0);
  const std::string limit = RecordKey(stream_id, shard_ordinal + 1, 0);
  rocksdb::ReadOptions options;
  rocksdb::Slice upper(limit);
  options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options, cf));
  it->Seek(start);
  if (it->Valid()) {
    std::optional<RecordKeyParts> parts = ParseRecordKey(
        std::string_view(it->key().data(), it->key().size()));
    if (parts) return std::optional<uint64_t>(parts->sequence);
  }
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(it->status(), "stream scan"));
  return std::optional<uint64_t>();
}

absl::Status ReclaimBelow(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                          uint64_t stream_id, uint32_t shard_ordinal,
                          uint64_t from, uint64_t trim) {
  const std::string begin = RecordKey(stream_id, shard_ordinal, from);
  const std::string end = RecordKey(stream_id, shard_ordinal, trim);
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(
      db->DeleteRange(rocksdb::WriteOptions(), cf, begin, end),
      "deleting expired stream records"));
  rocksdb::Slice begin_slice(begin), end_slice(end);
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(
      // include_end=false: the record at `trim` is live (a file whose last
      // key is exactly `end` must stay).
      rocksdb::DeleteFilesInRange(db, cf, &begin_slice, &end_slice,
                                  /*include_end=*/false),
      "dropping files of expired stream records"));
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForceOptimized;
  return FromRocksDB(db->CompactRange(compact, cf, &begin_slice, &end_slice),
                     "compacting expired stream records");
}

std::shared_ptr<rocksdb::CompactionFilterFactory> NewTrimCompactionFilterFactory(
    std::shared_ptr<const TrimPoints> trims) {
  return std::make_shared<TrimCompactionFilterFactory>(std::move(trims));
}

}  // namespace tablestream
