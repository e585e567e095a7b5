// Copyright 2026 The tablestream Authors.
//
// Table and stream-specification types, shaped after DynamoDB's CreateTable,
// DescribeTable and UpdateTable. Plain structs; no behaviour.

#ifndef TABLESTREAM_TABLE_H_
#define TABLESTREAM_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tablestream {

enum class KeyType { kHash = 1, kRange = 2 };  // stored: never renumber
enum class ScalarAttributeType { kS = 1, kN = 2, kB = 3 };  // stored

// Stored on disk: never renumber.
enum class StreamViewType {
  kKeysOnly = 1,
  kNewImage = 2,
  kOldImage = 3,
  kNewAndOldImages = 4,
};

// "HASH"/"RANGE", "S"/"N"/"B", "KEYS_ONLY"/"NEW_IMAGE"/... and back.
const char* KeyTypeName(KeyType t);
const char* ScalarAttributeTypeName(ScalarAttributeType t);
const char* StreamViewTypeName(StreamViewType t);
std::optional<KeyType> ParseKeyType(const std::string& s);
std::optional<ScalarAttributeType> ParseScalarAttributeType(
    const std::string& s);
std::optional<StreamViewType> ParseStreamViewType(const std::string& s);

struct KeySchemaElement {
  std::string attribute_name;
  KeyType key_type = KeyType::kHash;
};

struct AttributeDefinition {
  std::string attribute_name;
  ScalarAttributeType attribute_type = ScalarAttributeType::kS;
};

struct StreamSpecification {
  bool stream_enabled = false;
  // Required when stream_enabled is true; must be absent otherwise.
  std::optional<StreamViewType> stream_view_type;
};

struct CreateTableRequest {
  std::string table_name;
  // One HASH element, optionally followed by one RANGE element.
  std::vector<KeySchemaElement> key_schema;
  // Exactly the key attributes (DynamoDB refuses unused definitions).
  std::vector<AttributeDefinition> attribute_definitions;
  std::optional<StreamSpecification> stream_specification;
  // Accepted for compatibility with DynamoDB requests; not enforced.
  std::optional<std::string> billing_mode;
};

struct TableDescription {
  std::string table_name;
  std::string table_id;      // a UUID-shaped identifier, stable for the table
  std::string table_arn;     // arn:aws:dynamodb:<region>:<account>:table/<name>
  std::string table_status;  // "ACTIVE" (or "DELETING" in DeleteTable's reply)
  double creation_date_time = 0;  // epoch seconds
  std::vector<KeySchemaElement> key_schema;
  std::vector<AttributeDefinition> attribute_definitions;
  int64_t item_count = 0;  // exact, maintained on every write
  // Present when a stream has ever been enabled on the table.
  std::optional<StreamSpecification> stream_specification;
  std::optional<std::string> latest_stream_arn;
  std::optional<std::string> latest_stream_label;
};

struct ListTablesRequest {
  std::optional<std::string> exclusive_start_table_name;
  std::optional<int> limit;  // 1..100, default 100
};

struct ListTablesResult {
  std::vector<std::string> table_names;  // sorted
  std::optional<std::string> last_evaluated_table_name;
};

// DynamoDB's TimeToLiveSpecification.
struct TimeToLiveSpecification {
  bool enabled = false;
  // The Number attribute holding each item's expiry time in epoch seconds;
  // 1 to 255 bytes.
  std::string attribute_name;
};

struct UpdateTimeToLiveRequest {
  std::string table_name;
  TimeToLiveSpecification time_to_live_specification;
};

// DynamoDB's TimeToLiveDescription. Changes take effect at once, so the
// status is "ENABLED" or "DISABLED", never ENABLING or DISABLING.
struct TimeToLiveDescription {
  std::string time_to_live_status = "DISABLED";
  // The attribute, once TTL was ever enabled.
  std::optional<std::string> attribute_name;
};

struct UpdateTableRequest {
  std::string table_name;
  // Enable a stream (a new stream with a new label and ARN) or disable the
  // current one. Changing the view type of an enabled stream is refused.
  std::optional<StreamSpecification> stream_specification;
  // Accepted and must match the key attributes if given.
  std::vector<AttributeDefinition> attribute_definitions;
  std::optional<std::string> billing_mode;
};

}  // namespace tablestream

#endif  // TABLESTREAM_TABLE_H_
