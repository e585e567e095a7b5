// Copyright 2026 The tablestream Authors.

#include "stream/shard_iterator.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/key_encoding.h"

namespace tablestream {
namespace {

constexpr std::string_view kVersionTag = "|1|";
constexpr size_t kPayloadSize = 8 + 4 + 8 + 8;

uint64_t Check(std::string_view arn, std::string_view payload) {
  uint64_t h = 0xcbf29ce484222325ULL ^ 0x74626c7374726d31ULL;  // keyed
  for (std::string_view part : {arn, payload}) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;
    h *= 0x100000001b3ULL;
  }
  return h;
}

absl::Status Invalid(std::string_view why) {
  return ValidationError(absl::StrCat(
      "Invalid ShardIterator: ", AsAbsl(why),
      "; use an iterator returned by GetShardIterator or GetRecords"));
}

}  // namespace

std::string EncodeShardIterator(std::string_view stream_arn,
                                const ShardPosition& position) {
  std::string payload;
  payload.reserve(kPayloadSize + 8);
  PutFixed64BE(&payload, position.stream_id);
  PutFixed32BE(&payload, position.shard_ordinal);
  PutFixed64BE(&payload, position.next_sequence);
  PutFixed64BE(&payload, static_cast<uint64_t>(position.issued_micros));
  PutFixed64BE(&payload, Check(stream_arn, payload));
  return absl::StrCat(AsAbsl(stream_arn), AsAbsl(kVersionTag),
                      absl::Base64Escape(payload));
}

absl::StatusOr<ShardPosition> DecodeShardIterator(std::string_view iterator) {
  if (iterator.empty() || iterator.size() > 2048) {
    return Invalid("an iterator is 1 to 2048 characters");
  }
  size_t tag = iterator.rfind(kVersionTag);
  if (tag == std::string_view::npos) return Invalid("malformed");
  std::string_view arn = iterator.substr(0, tag);
  const absl::string_view encoded(iterator.data() + tag + kVersionTag.size(),
                                  iterator.size() - tag - kVersionTag.size());
  std::string payload;
  // Base64Unescape also takes whitespace, padding variants and unpadded
  // text: accept only the exact text EncodeShardIterator writes.
  if (!absl::Base64Unescape(encoded, &payload) ||
      payload.size() != kPayloadSize + 8 ||
      absl::Base64Escape(payload) != encoded) {
    return Invalid("malformed");
  }
  std::string_view body(payload.data(), kPayloadSize);
  if (DecodeFixed64BE(payload.data() + kPayloadSize) != Check(arn, body)) {
    return Invalid("checksum mismatch");
  }
  ShardPosition position;
  position.stream_id = DecodeFixed64BE(payload.data());
  position.shard_ordinal = DecodeFixed32BE(payload.data() + 8);
  position.next_sequence = DecodeFixed64BE(payload.data() + 12);
  position.issued_micros =
      static_cast<int64_t>(DecodeFixed64BE(payload.data() + 20));
  return position;
}

}  // namespace tablestream
