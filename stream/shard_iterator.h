// Copyright 2026 The tablestream Authors.
//
// Shard iterator strings. An iterator encodes its whole position, so it
// needs no server-side state and stays valid across restarts until it
// expires. Format (opaque to clients, like DynamoDB's "<arn>|1|<base64>"):
//
//   <stream ARN> "|1|" base64( stream id BE64 | shard ordinal BE32 |
//                              next sequence BE64 | issued micros BE64 |
//                              check BE64 )
//
// `check` is a keyed FNV-1a hash of everything before it: it catches typos
// and truncation, not forgery (the engine is embedded; there is no adversary
// on the other side of the API).

#ifndef TABLESTREAM_STREAM_SHARD_ITERATOR_H_
#define TABLESTREAM_STREAM_SHARD_ITERATOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tablestream {

struct ShardPosition {
  uint64_t stream_id = 0;
  uint32_t shard_ordinal = 0;
  uint64_t next_sequence = 0;  // the next record to return
  int64_t issued_micros = 0;   // for expiry
};

std::string EncodeShardIterator(std::string_view stream_arn,
                                const ShardPosition& position);

// ValidationException ("Invalid ShardIterator ...") for anything that
// EncodeShardIterator did not produce. Iterators are at most 2048 bytes.
absl::StatusOr<ShardPosition> DecodeShardIterator(std::string_view iterator);

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_SHARD_ITERATOR_H_
