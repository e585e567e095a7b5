// Copyright 2026 The tablestream Authors.
//
// Conversion between the public value types (AttributeValue, Item) and their
// storage protos (proto/tablestream.proto: storage::Value,
// storage::StoredItem), and the byte encoding of an item as stored in the items
// column family.
//
// All functions are thread-compatible (they touch only their arguments).

#ifndef TABLESTREAM_PROTO_ITEM_CODEC_H_
#define TABLESTREAM_PROTO_ITEM_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "proto/tablestream.pb.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// Writes `v` into *out, replacing its contents.
// REQUIRES: v is canonical (util/attribute_canonical.h).
void ToProto(const AttributeValue& v, storage::Value* out);
// Writes `item` into *out, replacing its contents; attributes sorted by name.
// REQUIRES: every value is canonical.
void ToProto(const Item& item, storage::StoredItem* out);

// The value a proto holds. A proto that no canonical value could have
// produced (no member set, a NULL that is not true, map names out of order or
// repeated) gives InternalServerError "corrupt stored value: ...". Only the
// structure is checked: number texts and set order are trusted.
absl::StatusOr<AttributeValue> FromProto(const storage::Value& v);
absl::StatusOr<Item> FromProto(const storage::StoredItem& item);

// The serialized StoredItem of `item`, and back. Bytes that do not parse, or
// parse into a corrupt item, give an InternalServerError status.
// REQUIRES (EncodeItem): every value is canonical.
std::string EncodeItem(const Item& item);
absl::StatusOr<Item> DecodeItem(std::string_view bytes);

}  // namespace tablestream

#endif  // TABLESTREAM_PROTO_ITEM_CODEC_H_
