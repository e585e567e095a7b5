// Copyright 2026 The tablestream Authors.

#include "api/query_json.h"

#include <optional>
#include <string>

#include "api/attribute_json.h"
#include "api/item_json.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace api {
namespace {

constexpr std::string_view kNoIndexes =
    "secondary indexes are not supported; query the table itself";
constexpr std::string_view kUseExpressions =
    "legacy parameter not supported; use KeyConditionExpression, "
    "FilterExpression and ProjectionExpression";

absl::StatusOr<std::optional<Select>> ParseSelect(const ObjectReader& r) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> select,
      r.OptionalEnum("Select", {"ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES",
                                "SPECIFIC_ATTRIBUTES", "COUNT"}));
  if (!select.has_value()) return std::optional<Select>();
  if (*select == "ALL_PROJECTED_ATTRIBUTES") {
    return ValidationError(
        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "
        "IndexName");
  }
  if (*select == "COUNT") return std::optional<Select>(Select::kCount);
  if (*select == "SPECIFIC_ATTRIBUTES") {
    return std::optional<Select>(Select::kSpecificAttributes);
  }
  return std::optional<Select>(Select::kAllAttributes);
}

absl::StatusOr<std::optional<Item>> ParseStartKey(const ObjectReader& r) {
  const Json* json = r.Find("ExclusiveStartKey");
  if (json == nullptr) return std::optional<Item>();
  TABLESTREAM_ASSIGN_OR_RETURN(
      Item key, ItemFromJson(*json, r.PathOf("ExclusiveStartKey")));
  return std::optional<Item>(std::move(key));
}

// The members Query and Scan share.
template <typename Request>
absl::Status ParseCommon(const ObjectReader& r, Request* request) {
  TABLESTREAM_ASSIGN_OR_RETURN(request->table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request->filter_expression,
                               r.OptionalString("FilterExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request->projection_expression,
                               r.OptionalString("ProjectionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request->placeholders, ParsePlaceholders(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request->select, ParseSelect(r));
  TABLESTREAM_ASSIGN_OR_RETURN(request->limit, r.OptionalInt("Limit"));
  TABLESTREAM_ASSIGN_OR_RETURN(request->exclusive_start_key, ParseStartKey(r));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<bool> consistent,
                               r.OptionalBool("ConsistentRead"));
  request->consistent_read = consistent.value_or(false);
  return r.OptionalEnum("ReturnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"})
      .status();
}

}  // namespace

absl::StatusOr<QueryRequest> ParseQueryRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "QueryRequest", "",
          {"TableName", "Select", "Limit", "ConsistentRead", "ScanIndexForward",
           "ExclusiveStartKey", "ReturnConsumedCapacity",
           "ProjectionExpression", "FilterExpression", "KeyConditionExpression",
           "ExpressionAttributeNames", "ExpressionAttributeValues"},
          {{"IndexName", kNoIndexes},
           {"KeyConditions", kUseExpressions},
           {"QueryFilter", kUseExpressions},
           {"AttributesToGet", kUseExpressions},
           {"ConditionalOperator", kUseExpressions}}));
  QueryRequest request;
  TABLESTREAM_RETURN_IF_ERROR(ParseCommon(r, &request));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<std::string> key_condition,
                               r.OptionalString("KeyConditionExpression"));
  if (!key_condition.has_value()) {
    return ValidationError(
        "Either the KeyConditions or KeyConditionExpression parameter must be "
        "specified in the request.");
  }
  request.key_condition_expression = *key_condition;
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<bool> forward,
                               r.OptionalBool("ScanIndexForward"));
  request.scan_index_forward = forward.value_or(true);
  return request;
}

absl::StatusOr<ScanRequest> ParseScanRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "ScanRequest", "",
          {"TableName", "Select", "Limit", "ConsistentRead",
           "ExclusiveStartKey", "ReturnConsumedCapacity", "Segment",
           "TotalSegments", "ProjectionExpression", "FilterExpression",
           "ExpressionAttributeNames", "ExpressionAttributeValues"},
          {{"IndexName", kNoIndexes},
           {"ScanFilter", kUseExpressions},
           {"AttributesToGet", kUseExpressions},
           {"ConditionalOperator", kUseExpressions}}));
  ScanRequest request;
  TABLESTREAM_RETURN_IF_ERROR(ParseCommon(r, &request));
  TABLESTREAM_ASSIGN_OR_RETURN(request.segment, r.OptionalInt("Segment"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.total_segments,
                               r.OptionalInt("TotalSegments"));
  return request;
}

Json ReadPageResponse(const ReadPage& page, bool count_only) {
  Json out = Json::object();
  if (!count_only) {
    Json items = Json::array();
    for (const Item& item : page.items) items.push_back(ItemToJson(item));
    out["Items"] = std::move(items);
  }
  out["Count"] = page.count;
  out["ScannedCount"] = page.scanned_count;
  if (page.last_evaluated_key.has_value()) {
    out["LastEvaluatedKey"] = ItemToJson(*page.last_evaluated_key);
  }
  return out;
}

}  // namespace api
}  // namespace tablestream
