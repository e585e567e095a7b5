// Copyright 2026 The tablestream Authors.
//
// Fuzzes shard iterator strings (stream/shard_iterator.h). Two modes, chosen
// by the first input byte:
//  - even: the rest of the input is an iterator string. DecodeShardIterator
//    must refuse it or accept exactly the string EncodeShardIterator gives
//    for the position it returns (so nothing but a genuine iterator is ever
//    accepted, and no accepted string means a different position).
//  - odd: the input builds a position and a stream ARN, encodes a valid
//    iterator, then changes some of its bytes. The valid iterator must decode
//    to its position; the changed one must be refused unless it is itself the
//    canonical encoding of what it decodes to.

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "stream/shard_iterator.h"
#include "tests/fuzz/fuzz_check.h"

namespace tablestream {
namespace {

constexpr std::string_view kTag = "|1|";

bool SamePosition(const ShardPosition& a, const ShardPosition& b) {
  return a.stream_id == b.stream_id && a.shard_ordinal == b.shard_ordinal &&
         a.next_sequence == b.next_sequence &&
         a.issued_micros == b.issued_micros;
}

// If `iterator` decodes, it must be the canonical encoding of its position.
void CheckCanonical(std::string_view iterator) {
  absl::StatusOr<ShardPosition> position = DecodeShardIterator(iterator);
  if (!position.ok()) return;
  const size_t tag = iterator.rfind(kTag);
  FUZZ_CHECK(tag != std::string_view::npos, "accepted without a tag");
  const std::string again =
      EncodeShardIterator(iterator.substr(0, tag), *position);
  FUZZ_CHECK(again == iterator, "accepted a non-canonical iterator\n  "
                                    << iterator << "\n  canonical: " << again);
}

void CheckMutated(FuzzedDataProvider& in) {
  ShardPosition position;
  position.stream_id = in.ConsumeIntegral<uint64_t>();
  position.shard_ordinal = in.ConsumeIntegral<uint32_t>();
  position.next_sequence = in.ConsumeIntegral<uint64_t>();
  position.issued_micros = in.ConsumeIntegral<int64_t>();
  const std::string arn = in.ConsumeRandomLengthString(300);
  const std::string valid = EncodeShardIterator(arn, position);
  absl::StatusOr<ShardPosition> decoded = DecodeShardIterator(valid);
  FUZZ_CHECK(decoded.ok() && SamePosition(*decoded, position),
             "a valid iterator does not decode to its position: " << valid);

  std::string changed = valid;
  const int edits = in.ConsumeIntegralInRange<int>(1, 4);
  for (int i = 0; i < edits && !changed.empty(); ++i) {
    const size_t at = in.ConsumeIntegralInRange<size_t>(0, changed.size() - 1);
    switch (in.ConsumeIntegralInRange<int>(0, 2)) {
      case 0:
        changed[at] = static_cast<char>(in.ConsumeIntegral<uint8_t>());
        break;
      case 1:
        changed.erase(at, 1);
        break;
      default:
        changed.insert(at, 1, static_cast<char>(in.ConsumeIntegral<uint8_t>()));
        break;
    }
  }
  if (changed == valid) return;
  CheckCanonical(changed);
}

}  // namespace
}  // namespace tablestream

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  if (data[0] % 2 == 0) {
    tablestream::CheckCanonical(
        std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  } else {
    FuzzedDataProvider in(data + 1, size - 1);
    tablestream::CheckMutated(in);
  }
  return 0;
}
