// Copyright 2026 The tablestream Authors.
//
// Item keys: validating key attributes against a table's key schema, and the
// items column family's key layout (stored, never change):
//
//   item key = table id (BE64) | ordered(partition key) [| ordered(sort key)]
//
// where ordered() is util/key_encoding's order-preserving encoding, so a
// table's items are contiguous and sorted as DynamoDB sorts keys (strings
// and binaries bytewise, numbers numerically).

#ifndef TABLESTREAM_ENGINE_ITEM_KEY_H_
#define TABLESTREAM_ENGINE_ITEM_KEY_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "engine/catalog.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

inline constexpr size_t kMaxPartitionKeyBytes = 2048;
inline constexpr size_t kMaxSortKeyBytes = 1024;

enum class KeyCheck {
  kItem,     // an item: holds the key attributes, and may hold others
  kKeyOnly,  // a Key parameter: holds exactly the key attributes
};

// ValidationException (DynamoDB's texts) unless `item` holds every key
// attribute with the declared type, S and B keys are non-empty and within
// 2048 (partition) / 1024 (sort) bytes, and, for kKeyOnly, nothing else.
// REQUIRES: `item` is canonical.
absl::Status ValidateKey(const KeySchema& schema, const Item& item,
                         KeyCheck check);

// The attribute type of a key attribute of scalar type `t`.
AttributeType KeyAttributeType(ScalarAttributeType t);

// The key attributes of `item`. REQUIRES: ValidateKey passed.
Item ExtractKey(const KeySchema& schema, const Item& item);

// The items-CF key. REQUIRES: ValidateKey passed.
std::string ItemStorageKey(uint64_t table_id, const KeySchema& schema,
                           const Item& item);

// The range [begin, end) holding every item of `table_id`.
std::string TableKeyBegin(uint64_t table_id);
std::string TableKeyEnd(uint64_t table_id);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_ITEM_KEY_H_
