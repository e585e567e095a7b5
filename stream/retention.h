// Copyright 2026 The tablestream Authors.
//
// Retention of stream records: finding where expiry cuts a shard, reclaiming
// the space below a trim point, and the compaction filter that backs both.
//
// Records of a shard are in creation-time order (commit times never run
// backwards along the sequence), so the expired records of a shard are a
// prefix of it, found by binary search.

#ifndef TABLESTREAM_STREAM_RETENTION_H_
#define TABLESTREAM_STREAM_RETENTION_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "rocksdb/compaction_filter.h"
#include "rocksdb/db.h"
#include "stream/trim_points.h"

namespace tablestream {

// The creation time of a stored record; InternalServerError if it is
// missing.
absl::StatusOr<int64_t> RecordCreatedMicros(rocksdb::DB* db,
                                            rocksdb::ColumnFamilyHandle* cf,
                                            uint64_t stream_id,
                                            uint32_t ordinal,
                                            uint64_t sequence);

// The first sequence in [from, end) of the shard whose record was created at
// or after `cutoff_micros`; `end` if there is none.
// REQUIRES: every sequence in [from, end) has a stored record.
absl::StatusOr<uint64_t> FirstRecordCreatedAtOrAfter(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, uint64_t stream_id,
    uint32_t shard_ordinal, uint64_t from, uint64_t end,
    int64_t cutoff_micros);

// The first stored record of a shard at or after `from`, or nullopt.
absl::StatusOr<std::optional<uint64_t>> FirstStoredRecord(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, uint64_t stream_id,
    uint32_t shard_ordinal);

// Deletes a shard's records in [from, trim) (a range deletion; records below
// `from` were reclaimed before), then drops the files and compacts the
// range, so that the bytes leave the disk now, also on an idle database.
absl::Status ReclaimBelow(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                          uint64_t stream_id, uint32_t shard_ordinal,
                          uint64_t from, uint64_t trim);

// A compaction filter factory for the stream column family that drops every
// record below its shard's reclaim point.
std::shared_ptr<rocksdb::CompactionFilterFactory> NewTrimCompactionFilterFactory(
    std::shared_ptr<const TrimPoints> trims);

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_RETENTION_H_
