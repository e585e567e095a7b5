// Copyright 2026 The tablestream Authors.

#include "api/table_json.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "util/status_macros.h"

namespace tablestream {
namespace api {
namespace {

constexpr std::string_view kNotImplemented =
    "tablestream does not implement it";

const std::vector<std::string>& KeyTypeNames() {
  static const auto* names = new std::vector<std::string>{"HASH", "RANGE"};
  return *names;
}
const std::vector<std::string>& ScalarTypeNames() {
  static const auto* names = new std::vector<std::string>{"S", "N", "B"};
  return *names;
}
const std::vector<std::string>& ViewTypeNames() {
  static const auto* names = new std::vector<std::string>{
      "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"};
  return *names;
}
const std::vector<std::string>& BillingModeNames() {
  static const auto* names =
      new std::vector<std::string>{"PROVISIONED", "PAY_PER_REQUEST"};
  return *names;
}

// Calls `parse(element, element_path)` for each element of the list member.
template <typename T, typename F>
absl::StatusOr<std::vector<T>> ParseList(const ObjectReader& reader,
                                         std::string_view member, bool required,
                                         F parse) {
  std::vector<T> out;
  const Json* list = reader.Find(member);
  if (list == nullptr) {
    if (required) return MissingMemberError(reader.PathOf(member));
    return out;
  }
  std::string path = reader.PathOf(member);
  if (!list->is_array()) return NotAList(*list, path);
  for (size_t i = 0; i < list->size(); ++i) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        T element,
        parse((*list)[i], absl::StrCat(path, ".", i + 1, ".member")));
    out.push_back(std::move(element));
  }
  return out;
}

absl::StatusOr<KeySchemaElement> ParseKeySchemaElement(const Json& json,
                                                       std::string path) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "KeySchemaElement", std::move(path),
                        {"AttributeName", "KeyType"}));
  KeySchemaElement element;
  TABLESTREAM_ASSIGN_OR_RETURN(element.attribute_name,
                               r.RequiredString("AttributeName"));
  TABLESTREAM_ASSIGN_OR_RETURN(std::string type,
                               r.RequiredEnum("KeyType", KeyTypeNames()));
  element.key_type = *ParseKeyType(type);
  return element;
}

absl::StatusOr<AttributeDefinition> ParseAttributeDefinition(const Json& json,
                                                             std::string path) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "AttributeDefinition", std::move(path),
                        {"AttributeName", "AttributeType"}));
  AttributeDefinition definition;
  TABLESTREAM_ASSIGN_OR_RETURN(definition.attribute_name,
                               r.RequiredString("AttributeName"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::string type, r.RequiredEnum("AttributeType", ScalarTypeNames()));
  definition.attribute_type = *ParseScalarAttributeType(type);
  return definition;
}

absl::StatusOr<std::vector<AttributeDefinition>> ParseAttributeDefinitions(
    const ObjectReader& reader, bool required) {
  return ParseList<AttributeDefinition>(reader, "AttributeDefinitions",
                                        required, ParseAttributeDefinition);
}

absl::StatusOr<std::optional<StreamSpecification>> ParseStreamSpecification(
    const ObjectReader& reader) {
  const Json* json = reader.Find("StreamSpecification");
  if (json == nullptr) return std::optional<StreamSpecification>();
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r, ObjectReader::New(*json, "StreamSpecification",
                                        reader.PathOf("StreamSpecification"),
                                        {"StreamEnabled", "StreamViewType"}));
  StreamSpecification spec;
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* enabled,
                               r.Required("StreamEnabled"));
  TABLESTREAM_ASSIGN_OR_RETURN(spec.stream_enabled,
                               ReadBool(*enabled, r.PathOf("StreamEnabled")));
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> view,
      r.OptionalEnum("StreamViewType", ViewTypeNames()));
  if (view.has_value()) spec.stream_view_type = ParseStreamViewType(*view);
  return std::optional<StreamSpecification>(spec);
}

// BillingMode and ProvisionedThroughput: checked for shape, then ignored
// except that the billing mode is passed on to the engine.
absl::StatusOr<std::optional<std::string>> ParseBilling(
    const ObjectReader& reader) {
  if (const Json* json = reader.Find("ProvisionedThroughput")) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        ObjectReader r,
        ObjectReader::New(*json, "ProvisionedThroughput",
                          reader.PathOf("ProvisionedThroughput"),
                          {"ReadCapacityUnits", "WriteCapacityUnits"}));
    for (std::string_view member :
         {"ReadCapacityUnits", "WriteCapacityUnits"}) {
      TABLESTREAM_ASSIGN_OR_RETURN(const Json* units, r.Required(member));
      TABLESTREAM_RETURN_IF_ERROR(ReadInt(*units, r.PathOf(member)).status());
    }
  }
  return reader.OptionalEnum("BillingMode", BillingModeNames());
}

Json KeySchemaToJson(const std::vector<KeySchemaElement>& key_schema) {
  Json out = Json::array();
  for (const KeySchemaElement& k : key_schema) {
    out.push_back(Json{{"AttributeName", k.attribute_name},
                       {"KeyType", KeyTypeName(k.key_type)}});
  }
  return out;
}

}  // namespace

absl::StatusOr<CreateTableRequest> ParseCreateTableRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "CreateTableRequest", "",
          {"AttributeDefinitions", "TableName", "KeySchema",
           "StreamSpecification", "BillingMode", "ProvisionedThroughput"},
          {{"GlobalSecondaryIndexes", kNotImplemented},
           {"LocalSecondaryIndexes", kNotImplemented},
           {"SSESpecification", kNotImplemented},
           {"Tags", kNotImplemented},
           {"TableClass", kNotImplemented},
           {"DeletionProtectionEnabled", kNotImplemented},
           {"ResourcePolicy", kNotImplemented},
           {"OnDemandThroughput", kNotImplemented},
           {"WarmThroughput", kNotImplemented}}));
  CreateTableRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.attribute_definitions,
                               ParseAttributeDefinitions(r, true));
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      request.key_schema,
      ParseList<KeySchemaElement>(r, "KeySchema", true, ParseKeySchemaElement));
  TABLESTREAM_ASSIGN_OR_RETURN(request.stream_specification,
                               ParseStreamSpecification(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.billing_mode, ParseBilling(r));
  return request;
}

absl::StatusOr<std::string> ParseDescribeTableRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "DescribeTableRequest", "", {"TableName"}));
  return r.RequiredString("TableName");
}

absl::StatusOr<std::string> ParseDeleteTableRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "DeleteTableRequest", "", {"TableName"}));
  return r.RequiredString("TableName");
}

absl::StatusOr<ListTablesRequest> ParseListTablesRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r, ObjectReader::New(json, "ListTablesRequest", "",
                                        {"ExclusiveStartTableName", "Limit"}));
  ListTablesRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.exclusive_start_table_name,
                               r.OptionalString("ExclusiveStartTableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.limit, r.OptionalInt("Limit"));
  return request;
}

absl::StatusOr<UpdateTableRequest> ParseUpdateTableRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "UpdateTableRequest", "",
          {"AttributeDefinitions", "TableName", "StreamSpecification",
           "BillingMode", "ProvisionedThroughput"},
          {{"GlobalSecondaryIndexUpdates", kNotImplemented},
           {"ReplicaUpdates", kNotImplemented},
           {"SSESpecification", kNotImplemented},
           {"TableClass", kNotImplemented},
           {"DeletionProtectionEnabled", kNotImplemented},
           {"MultiRegionConsistency", kNotImplemented},
           {"OnDemandThroughput", kNotImplemented},
           {"WarmThroughput", kNotImplemented}}));
  UpdateTableRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.attribute_definitions,
                               ParseAttributeDefinitions(r, false));
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.stream_specification,
                               ParseStreamSpecification(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.billing_mode, ParseBilling(r));
  return request;
}

Json TableDescriptionToJson(const TableDescription& table) {
  Json definitions = Json::array();
  for (const AttributeDefinition& d : table.attribute_definitions) {
    definitions.push_back(
        Json{{"AttributeName", d.attribute_name},
             {"AttributeType", ScalarAttributeTypeName(d.attribute_type)}});
  }
  // The member order of AWS's responses.
  Json out = Json::object();
  out["AttributeDefinitions"] = std::move(definitions);
  out["TableName"] = table.table_name;
  out["KeySchema"] = KeySchemaToJson(table.key_schema);
  out["TableStatus"] = table.table_status;
  out["CreationDateTime"] = table.creation_date_time;
  out["ProvisionedThroughput"] = Json{{"NumberOfDecreasesToday", 0},
                                      {"ReadCapacityUnits", 0},
                                      {"WriteCapacityUnits", 0}};
  out["ItemCount"] = table.item_count;
  out["TableArn"] = table.table_arn;
  out["TableId"] = table.table_id;
  out["BillingModeSummary"] = Json{{"BillingMode", "PAY_PER_REQUEST"}};
  if (table.stream_specification.has_value()) {
    const StreamSpecification& spec = *table.stream_specification;
    Json stream = Json{{"StreamEnabled", spec.stream_enabled}};
    if (spec.stream_view_type.has_value()) {
      stream["StreamViewType"] = StreamViewTypeName(*spec.stream_view_type);
    }
    out["StreamSpecification"] = std::move(stream);
  }
  if (table.latest_stream_label.has_value()) {
    out["LatestStreamLabel"] = *table.latest_stream_label;
  }
  if (table.latest_stream_arn.has_value()) {
    out["LatestStreamArn"] = *table.latest_stream_arn;
  }
  return out;
}

Json CreateTableResponse(const TableDescription& table) {
  return Json{{"TableDescription", TableDescriptionToJson(table)}};
}

Json DescribeTableResponse(const TableDescription& table) {
  return Json{{"Table", TableDescriptionToJson(table)}};
}

Json DeleteTableResponse(const TableDescription& table) {
  return Json{{"TableDescription", TableDescriptionToJson(table)}};
}

Json UpdateTableResponse(const TableDescription& table) {
  return Json{{"TableDescription", TableDescriptionToJson(table)}};
}

Json ListTablesResponse(const ListTablesResult& result) {
  Json out = Json::object();
  out["TableNames"] = result.table_names;
  if (result.last_evaluated_table_name.has_value()) {
    out["LastEvaluatedTableName"] = *result.last_evaluated_table_name;
  }
  return out;
}

}  // namespace api
}  // namespace tablestream
