// Copyright 2026 The tablestream Authors.

#include "engine/item_key.h"

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/key_encoding.h"

namespace tablestream {
namespace {

absl::Status CheckKeyAttribute(const Item& item, const std::string& name,
                               ScalarAttributeType type, bool partition,
                               KeyCheck check) {
  auto it = item.find(name);
  if (it == item.end()) {
    if (check == KeyCheck::kKeyOnly) {
      return ValidationError(absl::StrCat(
          "The provided key element does not match the schema: the key "
          "attribute \"",
          name, "\" is missing"));
    }
    return ValidationError(absl::StrCat(
        "One or more parameter values were invalid: Missing the key ", name,
        " in the item"));
  }
  const AttributeValue& value = it->second;
  if (value.type() != KeyAttributeType(type)) {
    std::string detail =
        absl::StrCat("Type mismatch for key ", name,
                     " expected: ", ScalarAttributeTypeName(type),
                     " actual: ", AttributeTypeName(value.type()));
    if (check == KeyCheck::kKeyOnly) {
      return ValidationError(absl::StrCat(
          "The provided key element does not match the schema: ", detail));
    }
    return ValidationError(
        absl::StrCat("One or more parameter values were invalid: ", detail));
  }
  if (value.type() == AttributeType::kN) return absl::OkStatus();
  const size_t size = value.scalar().size();
  if (size == 0) {
    return ValidationError(absl::StrCat(
        "One or more parameter values are not valid. The AttributeValue for a "
        "key attribute cannot contain an empty ",
        value.type() == AttributeType::kS ? "string" : "binary",
        " value. Key: ", name));
  }
  if (partition && size > kMaxPartitionKeyBytes) {
    return ValidationError(absl::StrCat(
        "One or more parameter values were invalid: Size of hashkey has "
        "exceeded the maximum size limit of2048 bytes (partition key \"",
        name, "\" is ", size, " bytes; the limit is 2048)"));
  }
  if (!partition && size > kMaxSortKeyBytes) {
    return ValidationError(absl::StrCat(
        "One or more parameter values were invalid: Aggregated size of all "
        "range keys has exceeded the size limit of 1024 bytes (sort key \"",
        name, "\" is ", size, " bytes; the limit is 1024)"));
  }
  return absl::OkStatus();
}

}  // namespace

AttributeType KeyAttributeType(ScalarAttributeType t) {
  switch (t) {
    case ScalarAttributeType::kS:
      return AttributeType::kS;
    case ScalarAttributeType::kN:
      return AttributeType::kN;
    case ScalarAttributeType::kB:
      return AttributeType::kB;
  }
  return AttributeType::kS;
}

absl::Status ValidateKey(const KeySchema& schema, const Item& item,
                         KeyCheck check) {
  absl::Status s = CheckKeyAttribute(item, schema.partition_name,
                                     schema.partition_type, true, check);
  if (!s.ok()) return s;
  if (schema.sort_name) {
    s = CheckKeyAttribute(item, *schema.sort_name, schema.sort_type, false,
                          check);
    if (!s.ok()) return s;
  }
  if (check == KeyCheck::kKeyOnly &&
      item.size() != (schema.sort_name ? 2u : 1u)) {
    return ValidationError(absl::StrCat(
        "The provided key element does not match the schema: a key holds "
        "exactly the key attributes (",
        schema.partition_name,
        schema.sort_name ? absl::StrCat(", ", *schema.sort_name) : "", ") and ",
        item.size(), " attributes were given"));
  }
  return absl::OkStatus();
}

Item ExtractKey(const KeySchema& schema, const Item& item) {
  Item key;
  key.emplace(schema.partition_name, item.at(schema.partition_name));
  if (schema.sort_name)
    key.emplace(*schema.sort_name, item.at(*schema.sort_name));
  return key;
}

std::string ItemStorageKey(uint64_t table_id, const KeySchema& schema,
                           const Item& item) {
  std::string key;
  key.reserve(32);
  PutFixed64BE(&key, table_id);
  AppendOrderedKeyComponent(&key, item.at(schema.partition_name));
  if (schema.sort_name) {
    AppendOrderedKeyComponent(&key, item.at(*schema.sort_name));
  }
  return key;
}

std::string TableKeyBegin(uint64_t table_id) {
  std::string key;
  PutFixed64BE(&key, table_id);
  return key;
}

std::string TableKeyEnd(uint64_t table_id) {
  return TableKeyBegin(table_id + 1);
}

}  // namespace tablestream
