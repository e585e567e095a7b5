// Copyright 2026 The tablestream Authors.
//
// Fuzzes the decoding of stored items (proto/item_codec.h DecodeItem): the
// bytes read back from the items column family. Arbitrary bytes must give a
// value or an InternalServerError, never a crash or undefined behaviour.
// For bytes that decode to an item x:
//  - the encoding round-trips: DecodeItem(EncodeItem(x)) == x;
//  - re-encoding is a fixed point: EncodeItem(DecodeItem(EncodeItem(x))) ==
//    EncodeItem(x);
//  - canonicalizing x (as the engine would a value it is given) does not
//    crash, and when x is canonical, its size can be computed.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "proto/item_codec.h"
#include "tablestream/errors.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/protobuf_quiet.h"
#include "util/attribute_canonical.h"

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  tablestream::fuzz::SilenceProtobufLog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tablestream;  // NOLINT: a fuzz entry point
  absl::StatusOr<Item> item =
      DecodeItem(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!item.ok()) {
    FUZZ_CHECK(ExceptionName(item.status()) == kInternalServerError,
               item.status().ToString());
    return 0;
  }
  const std::string bytes = EncodeItem(*item);
  absl::StatusOr<Item> again = DecodeItem(bytes);
  FUZZ_CHECK(again.ok() && *again == *item, "round trip failed");
  FUZZ_CHECK(EncodeItem(*again) == bytes, "encoding is not a fixed point");

  Item canonical = *item;
  if (CanonicalizeItem(&canonical).ok() && canonical == *item) {
    FUZZ_CHECK(ItemSize(*item) >= 0, "negative size");
  }
  return 0;
}
