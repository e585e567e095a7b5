// Copyright 2026 The tablestream Authors.

#include "stream/shard_reader.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_format.h"
#include "stream/record_codec.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {

absl::StatusOr<ShardReadResult> ReadShard(rocksdb::DB* db,
                                          rocksdb::ColumnFamilyHandle* cf,
                                          const ShardReadRequest& request) {
  ShardReadResult result;
  result.next_sequence = request.from_sequence;
  if (request.from_sequence >= request.end_sequence) return result;

  const std::string start = RecordKey(request.stream_id, request.shard_ordinal,
                                      request.from_sequence);
  const std::string end =
      RecordKey(request.stream_id, request.shard_ordinal, request.end_sequence);
  result.records.reserve(static_cast<size_t>(std::min<uint64_t>(
      request.limit, request.end_sequence - request.from_sequence)));
  rocksdb::ReadOptions options;
  rocksdb::Slice upper(end);
  options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options, cf));

  RecordPosition position;
  position.stream_id = request.stream_id;
  position.view_type = request.view_type;
  position.region = &request.region;
  size_t bytes = 0;
  for (it->Seek(start); it->Valid(); it->Next()) {
    if (result.records.size() >= request.limit || bytes >= request.max_bytes) {
      break;
    }
    std::optional<RecordKeyParts> key =
        ParseRecordKey(std::string_view(it->key().data(), it->key().size()));
    if (!key || key->sequence != result.next_sequence) {
      return MakeError(
          kInternalServerError,
          absl::StrFormat("stream %u shard %u: expected record %u, found %s",
                          request.stream_id, request.shard_ordinal,
                          result.next_sequence,
                          key ? absl::StrFormat("%u", key->sequence)
                              : std::string("a malformed key")));
    }
    position.sequence = key->sequence;
    TABLESTREAM_ASSIGN_OR_RETURN(
        StreamRecord record,
        DecodeRecord(std::string_view(it->value().data(), it->value().size()),
                     position));
    bytes += static_cast<size_t>(record.dynamodb.size_bytes);
    result.records.push_back(std::move(record));
    ++result.next_sequence;
  }
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(it->status(), "stream read"));
  // The range below end_sequence is fully committed; a missing record that
  // the loop did not reach is only possible if it stopped on a cap.
  if (result.records.size() < request.limit && bytes < request.max_bytes &&
      result.next_sequence != request.end_sequence) {
    return MakeError(
        kInternalServerError,
        absl::StrFormat("stream %u shard %u: records %u..%u are missing",
                        request.stream_id, request.shard_ordinal,
                        result.next_sequence, request.end_sequence - 1));
  }
  return result;
}

}  // namespace tablestream
