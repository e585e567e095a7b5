// Copyright 2026 The tablestream Authors.

#include "api/item_json.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "api/attribute_json.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace api {
namespace {

const std::vector<std::string>& ReturnValueNames() {
  static const auto* names = new std::vector<std::string>{
      "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"};
  return *names;
}
const std::vector<std::string>& ComparisonOperatorNames() {
  static const auto* names = new std::vector<std::string>{
      "EQ",       "NE",           "IN",         "LE",       "LT",
      "GE",       "GT",           "BETWEEN",    "NOT_NULL", "NULL",
      "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH"};
  return *names;
}

absl::StatusOr<ReturnValue> ParseReturnValues(const ObjectReader& r,
                                              bool only_none_or_all_old) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> name,
      r.OptionalEnum("ReturnValues", ReturnValueNames()));
  if (!name.has_value()) return ReturnValue::kNone;
  ReturnValue value = *ParseReturnValue(*name);
  if (only_none_or_all_old && value != ReturnValue::kNone &&
      value != ReturnValue::kAllOld) {
    return ValidationError(
        absl::StrCat("Return values set to invalid value: ", *name,
                     "; this operation allows only NONE and ALL_OLD"));
  }
  return value;
}

absl::StatusOr<ExpectedAttributeValue> ParseExpectedEntry(const Json& json,
                                                          std::string path) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "ExpectedAttributeValue", std::move(path),
          {"Value", "Exists", "ComparisonOperator", "AttributeValueList"}));
  ExpectedAttributeValue entry;
  if (const Json* value = r.Find("Value")) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        entry.value, AttributeValueFromJson(*value, r.PathOf("Value")));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(entry.exists, r.OptionalBool("Exists"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> op,
      r.OptionalEnum("ComparisonOperator", ComparisonOperatorNames()));
  if (op.has_value()) entry.comparison_operator = ParseComparisonOperator(*op);
  if (const Json* list = r.Find("AttributeValueList")) {
    std::string list_path = r.PathOf("AttributeValueList");
    if (!list->is_array()) return NotAList(*list, list_path);
    for (size_t i = 0; i < list->size(); ++i) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          AttributeValue v,
          AttributeValueFromJson(
              (*list)[i], absl::StrCat(list_path, ".", i + 1, ".member")));
      entry.attribute_value_list.push_back(std::move(v));
    }
  }
  return entry;
}

// Expected and ConditionalOperator.
absl::StatusOr<ExpectedConditions> ParseExpected(const ObjectReader& r) {
  ExpectedConditions conditions;
  if (const Json* expected = r.Find("Expected")) {
    std::string path = r.PathOf("Expected");
    if (!expected->is_object()) return NotAMap(*expected, path);
    for (const auto& [name, entry] : expected->items()) {
      if (entry.is_null()) continue;
      TABLESTREAM_ASSIGN_OR_RETURN(
          ExpectedAttributeValue value,
          ParseExpectedEntry(entry, absl::StrCat(path, ".", name)));
      conditions.expected.emplace(name, std::move(value));
    }
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> op,
      r.OptionalEnum("ConditionalOperator", {"AND", "OR"}));
  if (op == "OR") conditions.conditional_operator = ConditionalOperator::kOr;
  return conditions;
}

absl::StatusOr<std::map<std::string, AttributeValueUpdate>>
ParseAttributeUpdates(const ObjectReader& r) {
  std::map<std::string, AttributeValueUpdate> updates;
  const Json* json = r.Find("AttributeUpdates");
  if (json == nullptr) return updates;
  std::string path = r.PathOf("AttributeUpdates");
  if (!json->is_object()) return NotAMap(*json, path);
  for (const auto& [name, entry] : json->items()) {
    if (entry.is_null()) continue;
    TABLESTREAM_ASSIGN_OR_RETURN(
        ObjectReader u,
        ObjectReader::New(entry, "AttributeValueUpdate",
                          absl::StrCat(path, ".", name), {"Value", "Action"}));
    AttributeValueUpdate update;
    if (const Json* value = u.Find("Value")) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          update.value, AttributeValueFromJson(*value, u.PathOf("Value")));
    }
    TABLESTREAM_ASSIGN_OR_RETURN(
        std::optional<std::string> action,
        u.OptionalEnum("Action", {"ADD", "PUT", "DELETE"}));
    if (action.has_value()) update.action = *ParseAttributeAction(*action);
    updates.emplace(name, std::move(update));
  }
  return updates;
}

}  // namespace

absl::StatusOr<Item> RequiredItem(const ObjectReader& r,
                                  std::string_view member) {
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* json, r.Required(member));
  return ItemFromJson(*json, r.PathOf(member));
}

absl::Status CheckIgnoredMembers(const ObjectReader& r) {
  TABLESTREAM_RETURN_IF_ERROR(
      r.OptionalEnum("ReturnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"})
          .status());
  return r.OptionalEnum("ReturnItemCollectionMetrics", {"SIZE", "NONE"})
      .status();
}

absl::StatusOr<ReturnValue> ParseReturnOnConditionFailure(
    const ObjectReader& r) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> name,
      r.OptionalEnum("ReturnValuesOnConditionCheckFailure",
                     {"ALL_OLD", "NONE"}));
  return name == "ALL_OLD" ? ReturnValue::kAllOld : ReturnValue::kNone;
}

absl::StatusOr<ExpressionPlaceholders> ParsePlaceholders(
    const ObjectReader& r) {
  ExpressionPlaceholders placeholders;
  if (const Json* names = r.Find("ExpressionAttributeNames")) {
    std::string path = r.PathOf("ExpressionAttributeNames");
    if (!names->is_object()) return NotAMap(*names, path);
    placeholders.names.emplace();
    for (const auto& [key, name] : names->items()) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          std::string value, ReadString(name, absl::StrCat(path, ".", key)));
      placeholders.names->emplace(key, std::move(value));
    }
  }
  if (const Json* values = r.Find("ExpressionAttributeValues")) {
    std::string path = r.PathOf("ExpressionAttributeValues");
    if (!values->is_object()) return NotAMap(*values, path);
    placeholders.values.emplace();
    for (const auto& [key, value] : values->items()) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          AttributeValue v,
          AttributeValueFromJson(value, absl::StrCat(path, ".", key)));
      placeholders.values->emplace(key, std::move(v));
    }
  }
  return placeholders;
}

absl::StatusOr<PutItemRequest> ParsePutItemRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "PutItemRequest", "",
          {"TableName", "Item", "Expected", "ConditionalOperator",
           "ReturnValues", "ReturnConsumedCapacity",
           "ReturnItemCollectionMetrics", "ConditionExpression",
           "ExpressionAttributeNames", "ExpressionAttributeValues",
           "ReturnValuesOnConditionCheckFailure"}));
  PutItemRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.condition_expression,
                               r.OptionalString("ConditionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.placeholders, ParsePlaceholders(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.item, RequiredItem(r, "Item"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.expected, ParseExpected(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.return_values,
                               ParseReturnValues(r, true));
  TABLESTREAM_ASSIGN_OR_RETURN(request.return_values_on_condition_check_failure,
                               ParseReturnOnConditionFailure(r));
  TABLESTREAM_RETURN_IF_ERROR(CheckIgnoredMembers(r));
  return request;
}

absl::StatusOr<GetItemRequest> ParseGetItemRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "GetItemRequest", "",
                        {"TableName", "Key", "AttributesToGet",
                         "ConsistentRead", "ReturnConsumedCapacity",
                         "ProjectionExpression", "ExpressionAttributeNames"}));
  GetItemRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.projection_expression,
                               r.OptionalString("ProjectionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.placeholders, ParsePlaceholders(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.key, RequiredItem(r, "Key"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.attributes_to_get,
                               r.StringList("AttributesToGet"));
  // The engine reads an empty list as "the whole item", so refuse an empty
  // one here, as DynamoDB does; likewise duplicates.
  if (r.Find("AttributesToGet") != nullptr) {
    if (request.attributes_to_get.empty()) {
      return ValidationError(
          "1 validation error detected: Value '[]' at 'attributesToGet' "
          "failed to satisfy constraint: Member must have length greater "
          "than or equal to 1");
    }
    std::set<std::string> seen;
    for (const std::string& name : request.attributes_to_get) {
      if (!seen.insert(name).second) {
        return ValidationError(absl::StrCat(
            "One or more parameter values were invalid: Duplicate value in "
            "attribute name: ",
            name));
      }
    }
  }
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<bool> consistent,
                               r.OptionalBool("ConsistentRead"));
  request.consistent_read = consistent.value_or(false);
  TABLESTREAM_RETURN_IF_ERROR(
      r.OptionalEnum("ReturnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"})
          .status());
  return request;
}

absl::StatusOr<DeleteItemRequest> ParseDeleteItemRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "DeleteItemRequest", "",
          {"TableName", "Key", "Expected", "ConditionalOperator",
           "ReturnValues", "ReturnConsumedCapacity",
           "ReturnItemCollectionMetrics", "ConditionExpression",
           "ExpressionAttributeNames", "ExpressionAttributeValues",
           "ReturnValuesOnConditionCheckFailure"}));
  DeleteItemRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.condition_expression,
                               r.OptionalString("ConditionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.placeholders, ParsePlaceholders(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.key, RequiredItem(r, "Key"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.expected, ParseExpected(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.return_values,
                               ParseReturnValues(r, true));
  TABLESTREAM_ASSIGN_OR_RETURN(request.return_values_on_condition_check_failure,
                               ParseReturnOnConditionFailure(r));
  TABLESTREAM_RETURN_IF_ERROR(CheckIgnoredMembers(r));
  return request;
}

absl::StatusOr<UpdateItemRequest> ParseUpdateItemRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "UpdateItemRequest", "",
          {"TableName", "Key", "AttributeUpdates", "Expected",
           "ConditionalOperator", "ReturnValues", "ReturnConsumedCapacity",
           "ReturnItemCollectionMetrics", "UpdateExpression",
           "ConditionExpression", "ExpressionAttributeNames",
           "ExpressionAttributeValues",
           "ReturnValuesOnConditionCheckFailure"}));
  UpdateItemRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.update_expression,
                               r.OptionalString("UpdateExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.condition_expression,
                               r.OptionalString("ConditionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.placeholders, ParsePlaceholders(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.key, RequiredItem(r, "Key"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.attribute_updates,
                               ParseAttributeUpdates(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.expected, ParseExpected(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request.return_values,
                               ParseReturnValues(r, false));
  TABLESTREAM_ASSIGN_OR_RETURN(request.return_values_on_condition_check_failure,
                               ParseReturnOnConditionFailure(r));
  TABLESTREAM_RETURN_IF_ERROR(CheckIgnoredMembers(r));
  return request;
}

Json WriteItemResponse(const WriteResult& result) {
  Json out = Json::object();
  if (result.attributes.has_value()) {
    out["Attributes"] = ItemToJson(*result.attributes);
  }
  return out;
}

Json GetItemResponse(const std::optional<Item>& item) {
  Json out = Json::object();
  if (item.has_value()) out["Item"] = ItemToJson(*item);
  return out;
}

}  // namespace api
}  // namespace tablestream
