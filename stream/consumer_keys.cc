// Copyright 2026 The tablestream Authors.

#include "stream/consumer_keys.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/key_encoding.h"

namespace tablestream {
namespace {

constexpr char kConsumerTag = 0x00;
constexpr char kCheckpointTag = 0x01;

}  // namespace

absl::Status CheckConsumerName(std::string_view name) {
  bool valid = !name.empty() && name.size() <= 255;
  for (char c : name) {
    valid &= absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' ||
             c == '.' || c == '-';
  }
  if (valid) return absl::OkStatus();
  return ValidationError(absl::StrCat(
      "Invalid ConsumerName \"", AsAbsl(name.substr(0, 64)),
      "\": a consumer name is 1 to 255 characters of [A-Za-z0-9_.-]"));
}

std::string ConsumerKeyPrefix(uint64_t stream_id) {
  std::string key;
  PutFixed64BE(&key, stream_id);
  key.push_back(kConsumerTag);
  return key;
}

std::string ConsumerKey(uint64_t stream_id, std::string_view name) {
  std::string key = ConsumerKeyPrefix(stream_id);
  key.append(name);
  return key;
}

std::string CheckpointKeyPrefix(uint64_t stream_id, std::string_view name) {
  std::string key;
  PutFixed64BE(&key, stream_id);
  key.push_back(kCheckpointTag);
  key.append(name);
  key.push_back('\0');
  return key;
}

std::string CheckpointKey(uint64_t stream_id, std::string_view name,
                          uint32_t shard_ordinal) {
  std::string key = CheckpointKeyPrefix(stream_id, name);
  PutFixed32BE(&key, shard_ordinal);
  return key;
}

uint64_t DecodeStreamId(std::string_view key) {
  return DecodeFixed64BE(key.data());
}

std::optional<std::string> ParseConsumerKey(std::string_view key) {
  if (key.size() < 10 || key[8] != kConsumerTag) return std::nullopt;
  return std::string(key.substr(9));
}

std::optional<CheckpointKeyParts> ParseCheckpointKey(std::string_view key) {
  // stream id, tag, name (>= 1), 0x00, ordinal.
  if (key.size() < 8 + 1 + 1 + 1 + 4 || key[8] != kCheckpointTag ||
      key[key.size() - 5] != '\0') {
    return std::nullopt;
  }
  CheckpointKeyParts parts;
  parts.stream_id = DecodeFixed64BE(key.data());
  parts.name = std::string(key.substr(9, key.size() - 9 - 5));
  parts.shard_ordinal = DecodeFixed32BE(key.data() + key.size() - 4);
  return parts;
}

}  // namespace tablestream
