// Copyright 2026 The tablestream Authors.
//
// Key layout of the stream column family, and the sequence-number strings
// clients see. Stored on disk: never change.
//
//   record key = stream id (BE64) | shard ordinal (BE32) | sequence (BE64)
//
// so one shard's records are contiguous and in sequence order, and one
// stream's shards follow each other: retention can reclaim a stream's prefix
// with one range. A shard's SequenceLogId (wal/) is the 12-byte prefix.
//
// Sequence numbers are shown as 21 decimal digits: "1" followed by the
// sequence zero-padded to 20 digits ("100000000000000000001" is 1). Fixed
// width makes string order equal numeric order, and the leading 1 keeps
// them in DynamoDB's 21..40 digit range without leading zeros.

#ifndef TABLESTREAM_STREAM_STREAM_KEYS_H_
#define TABLESTREAM_STREAM_STREAM_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "wal/mutation.h"

namespace tablestream {

inline constexpr size_t kShardPrefixSize = 12;
inline constexpr size_t kRecordKeySize = 20;

SequenceLogId ShardLogId(uint64_t stream_id, uint32_t shard_ordinal);
std::string RecordKey(uint64_t stream_id, uint32_t shard_ordinal,
                      uint64_t sequence);

struct RecordKeyParts {
  uint64_t stream_id = 0;
  uint32_t shard_ordinal = 0;
  uint64_t sequence = 0;
};
// nullopt if `key` is not a record key.
std::optional<RecordKeyParts> ParseRecordKey(std::string_view key);

// 1 -> "100000000000000000001".
std::string FormatSequenceNumber(uint64_t sequence);
// The inverse. ValidationException unless `text` is 21..40 decimal digits
// (DynamoDB's format); a well-formed number that tablestream never issues
// parses to nullopt inside the StatusOr, so callers can say "not in range".
absl::StatusOr<std::optional<uint64_t>> ParseSequenceNumber(
    std::string_view text);

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_STREAM_KEYS_H_
