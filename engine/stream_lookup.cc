// Copyright 2026 The tablestream Authors.

#include "engine/stream_lookup.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"

namespace tablestream {

absl::Status CheckLimit(const std::optional<int>& limit, int max) {
  if (limit && (*limit < 1 || *limit > max)) {
    return ValidationError(absl::StrCat(
        "1 validation error detected: Value '", *limit,
        "' at 'limit' failed to satisfy constraint: Member must have value "
        "between 1 and ",
        max));
  }
  return absl::OkStatus();
}

absl::Status CheckStreamArn(const std::string& arn) {
  if (arn.size() < 37 || arn.size() > 1024 || !absl::StartsWith(arn, "arn:") ||
      !absl::StrContains(arn, "/stream/")) {
    return ValidationError(absl::StrCat(
        "Invalid StreamArn \"", arn.substr(0, 128),
        "\": expected arn:aws:dynamodb:<region>:<account>:table/<table>/"
        "stream/<label>, 37 to 1024 characters"));
  }
  return absl::OkStatus();
}

const storage::ShardInfo* FindShard(const storage::StreamInfo& stream,
                                    const std::string& shard_id) {
  for (const storage::ShardInfo& s : stream.shards()) {
    if (s.shard_id() == shard_id) return &s;
  }
  return nullptr;
}

// The longest wait a read may ask for.

absl::Status CheckWait(int64_t wait_millis) {
  if (wait_millis < 0 || wait_millis > kMaxWaitMillis) {
    return ValidationError(absl::StrCat("Invalid wait of ", wait_millis,
                                        " ms: a wait is 0 to ", kMaxWaitMillis,
                                        " ms"));
  }
  return absl::OkStatus();
}

absl::Status Trimmed(std::string_view detail) {
  return MakeError(kTrimmedDataAccessException,
                   absl::StrCat("The data you are trying to access has been "
                                "trimmed. (",
                                AsAbsl(detail), ")"));
}

absl::Status StreamNotFound(const std::string& arn) {
  return NotFoundError(absl::StrCat(
      "Requested resource not found: Stream: ", arn, " not found"));
}

absl::Status SequenceOutOfRange(const std::string& text, uint64_t first,
                                uint64_t last) {
  return ValidationError(absl::StrCat(
      "Invalid SequenceNumber ", text, ": it is not in the shard's range ",
      FormatSequenceNumber(first), " to ", FormatSequenceNumber(last)));
}

}  // namespace tablestream
