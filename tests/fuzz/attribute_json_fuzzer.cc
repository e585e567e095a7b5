// Copyright 2026 The tablestream Authors.
//
// Fuzzes DynamoDB JSON attribute values (api/attribute_json.h) and their
// canonical form (util/attribute_canonical.h). The input is JSON text, read
// both as one attribute value ({"N":"1.50"}) and as an item ({"a":{...}}).
// For each that parses and canonicalizes to x, checks:
//  - canonicalizing is idempotent: Canonicalize(x) == x;
//  - the JSON round trip is exact: decode(encode(x)) == x, through the text
//    the AWS CLI would print;
//  - the storage round trip is exact: FromProto(ToProto(x)) == x, and for
//    items DecodeItem(EncodeItem(x)) == x;
//  - sizes are positive and an item's size is the sum of its parts.
// Parsing and canonicalizing must refuse bad input with a status, never
// crash, throw or hit undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/attribute_json.h"
#include "api/json_reader.h"
#include "proto/item_codec.h"
#include "tests/fuzz/fuzz_check.h"
#include "util/attribute_canonical.h"

namespace tablestream {
namespace {

void CheckValue(const AttributeValue& x) {
  absl::StatusOr<AttributeValue> twice = CanonicalizeValue(x);
  FUZZ_CHECK(twice.ok() && *twice == x,
             "not idempotent: " << x.DebugString() << " -> "
                                << (twice.ok() ? twice->DebugString()
                                               : twice.status().ToString()));

  const std::string text = api::FormatJson(api::AttributeValueToJson(x), -1);
  absl::StatusOr<api::Json> json = api::ParseJson(text);
  FUZZ_CHECK(json.ok(), "encoded value is not JSON: " << text);
  absl::StatusOr<AttributeValue> back = api::AttributeValueFromJson(*json, "v");
  FUZZ_CHECK(back.ok() && *back == x,
             "JSON round trip: " << x.DebugString() << " -> " << text);

  storage::Value proto;
  ToProto(x, &proto);
  absl::StatusOr<AttributeValue> stored = FromProto(proto);
  FUZZ_CHECK(stored.ok() && *stored == x,
             "proto round trip: " << x.DebugString());
  FUZZ_CHECK(AttributeValueSize(x) >= 0, x.DebugString());
}

void CheckItem(const Item& x) {
  Item twice = x;
  FUZZ_CHECK(CanonicalizeItem(&twice).ok() && twice == x, "not idempotent");

  const std::string text = api::FormatJson(api::ItemToJson(x), -1);
  absl::StatusOr<api::Json> json = api::ParseJson(text);
  FUZZ_CHECK(json.ok(), "encoded item is not JSON: " << text);
  absl::StatusOr<Item> back = api::ItemFromJson(*json, "item");
  FUZZ_CHECK(back.ok() && *back == x, "JSON round trip of item: " << text);

  absl::StatusOr<Item> stored = DecodeItem(EncodeItem(x));
  FUZZ_CHECK(stored.ok() && *stored == x, "storage round trip: " << text);

  int64_t sum = 0;
  for (const auto& [name, value] : x) {
    sum += static_cast<int64_t>(name.size()) + AttributeValueSize(value);
  }
  FUZZ_CHECK(ItemSize(x) == sum, "ItemSize " << ItemSize(x) << " != " << sum);
}

}  // namespace
}  // namespace tablestream

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tablestream;  // NOLINT: a fuzz entry point
  absl::StatusOr<api::Json> json =
      api::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!json.ok()) return 0;

  absl::StatusOr<AttributeValue> value = api::AttributeValueFromJson(*json, "v");
  if (value.ok()) {
    absl::StatusOr<AttributeValue> canonical = CanonicalizeValue(*value);
    if (canonical.ok()) CheckValue(*canonical);
  }
  absl::StatusOr<Item> item = api::ItemFromJson(*json, "item");
  if (item.ok() && CanonicalizeItem(&*item).ok()) CheckItem(*item);
  return 0;
}
