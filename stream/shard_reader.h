// Copyright 2026 The tablestream Authors.
//
// Reads a range of one shard's records from the stream column family, as
// GetRecords does: at most `limit` records and about `max_bytes` of record
// data (the record that crosses the cap is included, so a large record
// always makes progress), never at or beyond `end_sequence`.
//
// The caller sets `end_sequence` to the pipeline's published next sequence
// (or one past a closed shard's last record), so a reader never sees a
// number whose predecessors are not all visible.

#ifndef TABLESTREAM_STREAM_SHARD_READER_H_
#define TABLESTREAM_STREAM_SHARD_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "tablestream/stream.h"

namespace tablestream {

struct ShardReadRequest {
  uint64_t stream_id = 0;
  uint32_t shard_ordinal = 0;
  uint64_t from_sequence = 0;  // inclusive
  uint64_t end_sequence = 0;   // exclusive
  size_t limit = 1000;
  size_t max_bytes = 1 << 20;
  StreamViewType view_type = StreamViewType::kKeysOnly;
  std::string region;
};

struct ShardReadResult {
  std::vector<StreamRecord> records;
  uint64_t next_sequence = 0;  // where the next read starts
};

// InternalServerError on a read error, a corrupt record, or a hole in the
// sequence (which would mean the store lost a committed record).
absl::StatusOr<ShardReadResult> ReadShard(rocksdb::DB* db,
                                          rocksdb::ColumnFamilyHandle* cf,
                                          const ShardReadRequest& request);

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_SHARD_READER_H_
