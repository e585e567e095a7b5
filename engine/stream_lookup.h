// Copyright 2026 The tablestream Authors.
//
// Request checks and errors shared by the stream and consumer operations.
// Pure functions: thread-safe.

#ifndef TABLESTREAM_ENGINE_STREAM_LOOKUP_H_
#define TABLESTREAM_ENGINE_STREAM_LOOKUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "proto/tablestream.pb.h"

namespace tablestream {

// The longest wait a read may ask for (GetRecords, ReadConsumer).
inline constexpr int64_t kMaxWaitMillis = 3600 * 1000;

// ValidationException unless `limit` is unset or in 1..max.
absl::Status CheckLimit(const std::optional<int>& limit, int max);
// ValidationException unless `arn` looks like a stream ARN.
absl::Status CheckStreamArn(const std::string& arn);
// ValidationException unless 0 <= wait_millis <= kMaxWaitMillis.
absl::Status CheckWait(int64_t wait_millis);

// The shard of `stream` with id `shard_id`, or nullptr.
const storage::ShardInfo* FindShard(const storage::StreamInfo& stream,
                                    const std::string& shard_id);

// TrimmedDataAccessException with `detail` in parentheses.
absl::Status Trimmed(std::string_view detail);
// ResourceNotFoundException for a stream.
absl::Status StreamNotFound(const std::string& arn);
// ValidationException: `text` is not in the shard's range [first, last].
absl::Status SequenceOutOfRange(const std::string& text, uint64_t first,
                                uint64_t last);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_STREAM_LOOKUP_H_
