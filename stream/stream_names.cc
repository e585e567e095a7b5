// Copyright 2026 The tablestream Authors.

#include "stream/stream_names.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"

namespace tablestream {

std::string FormatStreamLabel(int64_t micros) {
  absl::Time t = absl::FromUnixMicros(micros);
  return absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%S", t, absl::UTCTimeZone()),
      absl::StrFormat(".%03d", static_cast<int>((micros / 1000) % 1000)));
}

std::string MakeShardId(int64_t created_micros, uint64_t stream_id,
                        uint32_t ordinal) {
  uint64_t x = stream_id * 0x9e3779b97f4a7c15ULL + ordinal + 1;
  x ^= x >> 29;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 32;
  return absl::StrFormat("shardId-%020d-%08x", created_micros / 1000,
                         static_cast<uint32_t>(x));
}

}  // namespace tablestream
