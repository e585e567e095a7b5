// Copyright 2026 The tablestream Authors.

#include "stream/stream_keys.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/key_encoding.h"

namespace tablestream {

SequenceLogId ShardLogId(uint64_t stream_id, uint32_t shard_ordinal) {
  std::string id;
  id.reserve(kShardPrefixSize);
  PutFixed64BE(&id, stream_id);
  PutFixed32BE(&id, shard_ordinal);
  return id;
}

std::string RecordKey(uint64_t stream_id, uint32_t shard_ordinal,
                      uint64_t sequence) {
  std::string key;
  key.reserve(kRecordKeySize);
  PutFixed64BE(&key, stream_id);
  PutFixed32BE(&key, shard_ordinal);
  PutFixed64BE(&key, sequence);
  return key;
}

std::optional<RecordKeyParts> ParseRecordKey(std::string_view key) {
  if (key.size() != kRecordKeySize) return std::nullopt;
  RecordKeyParts parts;
  parts.stream_id = DecodeFixed64BE(key.data());
  parts.shard_ordinal = DecodeFixed32BE(key.data() + 8);
  parts.sequence = DecodeFixed64BE(key.data() + 12);
  return parts;
}

std::string FormatSequenceNumber(uint64_t sequence) {
  // "1" and 20 zero-padded digits (uint64_t has at most 20).
  std::string text(21, '0');
  text[0] = '1';
  for (int i = 20; sequence != 0; --i, sequence /= 10) {
    text[i] = static_cast<char>('0' + sequence % 10);
  }
  return text;
}

absl::StatusOr<std::optional<uint64_t>> ParseSequenceNumber(
    std::string_view text) {
  bool digits = !text.empty();
  for (char c : text)
    digits &= absl::ascii_isdigit(static_cast<unsigned char>(c));
  if (!digits || text.size() < 21 || text.size() > 40) {
    return ValidationError(
        absl::StrCat("Invalid SequenceNumber \"", AsAbsl(text.substr(0, 64)),
                     "\": a sequence number is 21 to 40 decimal digits"));
  }
  if (text.size() != 21 || text[0] != '1') return std::optional<uint64_t>();
  uint64_t value = 0;
  for (char c : text.substr(1)) {
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::optional<uint64_t>();
    value = value * 10 + digit;
  }
  return std::optional<uint64_t>(value);
}

}  // namespace tablestream
