// Copyright 2026 The tablestream Authors.
//
// Key layout of the checkpoints column family. Stored on disk: never change.
//
//   consumer key   = stream id (BE64) | 0x00 | consumer name
//                    -> storage::ConsumerInfo
//   checkpoint key = stream id (BE64) | 0x01 | consumer name | 0x00 |
//                    shard ordinal (BE32)
//                    -> storage::CheckpointInfo
//
// Consumer names are 1..255 characters of [A-Za-z0-9_.-], so they hold no
// 0x00 and a consumer's checkpoints are one contiguous range, as are a
// stream's consumers.

#ifndef TABLESTREAM_STREAM_CONSUMER_KEYS_H_
#define TABLESTREAM_STREAM_CONSUMER_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tablestream {

// ValidationException unless `name` is a valid consumer name.
absl::Status CheckConsumerName(std::string_view name);

std::string ConsumerKey(uint64_t stream_id, std::string_view name);
// The prefix of every consumer key of a stream.
std::string ConsumerKeyPrefix(uint64_t stream_id);
std::string CheckpointKey(uint64_t stream_id, std::string_view name,
                          uint32_t shard_ordinal);
// The prefix of every checkpoint key of one consumer.
std::string CheckpointKeyPrefix(uint64_t stream_id, std::string_view name);

// The stream id every checkpoints key starts with.
// REQUIRES: key.size() >= 8.
uint64_t DecodeStreamId(std::string_view key);

// The consumer name of a consumer key; nullopt for any other key.
std::optional<std::string> ParseConsumerKey(std::string_view key);

struct CheckpointKeyParts {
  uint64_t stream_id = 0;
  std::string name;
  uint32_t shard_ordinal = 0;
};
// nullopt for a key that is not a checkpoint key.
std::optional<CheckpointKeyParts> ParseCheckpointKey(std::string_view key);

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_CONSUMER_KEYS_H_
