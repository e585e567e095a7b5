// Copyright 2026 The tablestream Authors.

#include "engine/table_validation.h"

#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tablestream/errors.h"

namespace tablestream {

absl::Status ValidateTableName(const std::string& name) {
  if (name.size() < 3 || name.size() > 255) {
    return ValidationError(absl::StrCat(
        "1 validation error detected: Value '", name.substr(0, 300),
        "' at 'tableName' failed to satisfy constraint: Member must have "
        "length ",
        name.size() < 3 ? "greater than or equal to 3"
                        : "less than or equal to 255"));
  }
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) {
      return ValidationError(absl::StrCat(
          "1 validation error detected: Value '", name,
          "' at 'tableName' failed to satisfy constraint: Member must "
          "satisfy regular expression pattern: [a-zA-Z0-9_.-]+"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<
    google::protobuf::RepeatedPtrField<storage::KeySchemaElementProto>>
ValidateKeySchema(const CreateTableRequest& request) {
  const auto& keys = request.key_schema;
  if (keys.empty() || keys.size() > 2) {
    return ValidationError(absl::StrCat(
        "1 validation error detected: Value at 'keySchema' failed to satisfy "
        "constraint: Member must have length between 1 and 2 (",
        keys.size(), " elements given)"));
  }
  if (keys[0].key_type != KeyType::kHash) {
    return ValidationError(
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (keys.size() == 2) {
    if (keys[1].key_type != KeyType::kRange) {
      return ValidationError(
          "Invalid KeySchema: The second KeySchemaElement is not a RANGE key "
          "type");
    }
    if (keys[0].attribute_name == keys[1].attribute_name) {
      return ValidationError(
          "Invalid KeySchema: Both the Hash Key and the Range Key element in "
          "the KeySchema have the same name");
    }
  }
  for (const KeySchemaElement& k : keys) {
    if (k.attribute_name.empty() || k.attribute_name.size() > 255) {
      return ValidationError(absl::StrCat(
          "One or more parameter values were invalid: key attribute name \"",
          k.attribute_name.substr(0, 64), "...\" is ", k.attribute_name.size(),
          " bytes; key attribute names are 1 to 255 bytes"));
    }
  }

  std::map<std::string, ScalarAttributeType> definitions;
  for (const AttributeDefinition& d : request.attribute_definitions) {
    if (!definitions.emplace(d.attribute_name, d.attribute_type).second) {
      return ValidationError(absl::StrCat(
          "Cannot have two attributes with the same name: ", d.attribute_name));
    }
  }
  std::vector<std::string> key_names, defined_names;
  for (const KeySchemaElement& k : keys) key_names.push_back(k.attribute_name);
  for (const auto& [name, type] : definitions) defined_names.push_back(name);
  for (const std::string& name : key_names) {
    if (definitions.count(name) == 0) {
      return ValidationError(absl::StrCat(
          "One or more parameter values were invalid: Some index key "
          "attributes are not defined in AttributeDefinitions. Keys: [",
          absl::StrJoin(key_names, ", "), "], AttributeDefinitions: [",
          absl::StrJoin(defined_names, ", "), "]"));
    }
  }
  if (definitions.size() != keys.size()) {
    return ValidationError(absl::StrCat(
        "One or more parameter values were invalid: Number of attributes in "
        "KeySchema does not exactly match number of attributes defined in "
        "AttributeDefinitions (KeySchema: [",
        absl::StrJoin(key_names, ", "), "], AttributeDefinitions: [",
        absl::StrJoin(defined_names, ", "),
        "]; without secondary indexes, define exactly the key attributes)"));
  }

  google::protobuf::RepeatedPtrField<storage::KeySchemaElementProto> out;
  for (const KeySchemaElement& k : keys) {
    storage::KeySchemaElementProto* e = out.Add();
    e->set_attribute_name(k.attribute_name);
    e->set_key_type(static_cast<int32_t>(k.key_type));
    e->set_attribute_type(
        static_cast<int32_t>(definitions.at(k.attribute_name)));
  }
  return out;
}

absl::Status ValidateStreamSpecification(const StreamSpecification& spec) {
  if (spec.stream_enabled && !spec.stream_view_type) {
    return ValidationError(
        "One or more parameter values were invalid: StreamViewType is "
        "required when StreamEnabled is true; allowed: KEYS_ONLY, NEW_IMAGE, "
        "OLD_IMAGE, NEW_AND_OLD_IMAGES");
  }
  if (!spec.stream_enabled && spec.stream_view_type) {
    return ValidationError(
        "One or more parameter values were invalid: StreamViewType can only "
        "be given when StreamEnabled is true");
  }
  return absl::OkStatus();
}

}  // namespace tablestream
