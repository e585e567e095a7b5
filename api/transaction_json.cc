// Copyright 2026 The tablestream Authors.

#include "api/transaction_json.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/attribute_json.h"
#include "api/item_json.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace api {
namespace {

// The members every write action has.
struct ActionCommon {
  std::string table_name;
  std::optional<std::string> condition_expression;
  ExpressionPlaceholders placeholders;
  ReturnValue return_on_failure = ReturnValue::kNone;
};

absl::StatusOr<ActionCommon> ParseCommon(const ObjectReader& r) {
  ActionCommon common;
  TABLESTREAM_ASSIGN_OR_RETURN(common.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(common.condition_expression,
                               r.OptionalString("ConditionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(common.placeholders, ParsePlaceholders(r));
  TABLESTREAM_ASSIGN_OR_RETURN(common.return_on_failure,
                               ParseReturnOnConditionFailure(r));
  return common;
}

template <typename Request>
void Fill(ActionCommon common, Request* request) {
  request->table_name = std::move(common.table_name);
  request->condition_expression = std::move(common.condition_expression);
  request->placeholders = std::move(common.placeholders);
  request->return_values_on_condition_check_failure = common.return_on_failure;
}

absl::StatusOr<TransactWriteItem> ParseAction(const Json& json,
                                              const std::string& path) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader item,
      ObjectReader::New(json, "TransactWriteItem", path,
                        {"ConditionCheck", "Put", "Delete", "Update"}));
  int present = 0;
  for (const char* member : {"ConditionCheck", "Put", "Delete", "Update"}) {
    if (item.Find(member) != nullptr) ++present;
  }
  if (present != 1) {
    return ValidationError(absl::StrCat(
        "TransactItems can only contain one of Check, Put, Update or Delete (",
        path, " has ", present, ")"));
  }
  if (const Json* put = item.Find("Put")) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        ObjectReader r,
        ObjectReader::New(
            *put, "Put", item.PathOf("Put"),
            {"TableName", "Item", "ConditionExpression",
             "ExpressionAttributeNames", "ExpressionAttributeValues",
             "ReturnValuesOnConditionCheckFailure"}));
    PutItemRequest request;
    TABLESTREAM_ASSIGN_OR_RETURN(ActionCommon common, ParseCommon(r));
    Fill(std::move(common), &request);
    TABLESTREAM_ASSIGN_OR_RETURN(request.item, RequiredItem(r, "Item"));
    return TransactWriteItem(std::move(request));
  }
  const char* member = item.Find("Update")   ? "Update"
                       : item.Find("Delete") ? "Delete"
                                             : "ConditionCheck";
  const bool update = std::string_view(member) == "Update";
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      update
          ? ObjectReader::New(
                *item.Find(member), member, item.PathOf(member),
                {"TableName", "Key", "UpdateExpression", "ConditionExpression",
                 "ExpressionAttributeNames", "ExpressionAttributeValues",
                 "ReturnValuesOnConditionCheckFailure"})
          : ObjectReader::New(
                *item.Find(member), member, item.PathOf(member),
                {"TableName", "Key", "ConditionExpression",
                 "ExpressionAttributeNames", "ExpressionAttributeValues",
                 "ReturnValuesOnConditionCheckFailure"}));
  TABLESTREAM_ASSIGN_OR_RETURN(ActionCommon common, ParseCommon(r));
  TABLESTREAM_ASSIGN_OR_RETURN(Item key, RequiredItem(r, "Key"));
  if (update) {
    UpdateItemRequest request;
    TABLESTREAM_ASSIGN_OR_RETURN(request.update_expression,
                                 r.RequiredString("UpdateExpression"));
    Fill(std::move(common), &request);
    request.key = std::move(key);
    return TransactWriteItem(std::move(request));
  }
  if (std::string_view(member) == "Delete") {
    DeleteItemRequest request;
    Fill(std::move(common), &request);
    request.key = std::move(key);
    return TransactWriteItem(std::move(request));
  }
  TABLESTREAM_RETURN_IF_ERROR(r.Required("ConditionExpression").status());
  ConditionCheck check;
  check.table_name = std::move(common.table_name);
  check.key = std::move(key);
  check.condition_expression = common.condition_expression.value_or("");
  check.placeholders = std::move(common.placeholders);
  check.return_values_on_condition_check_failure = common.return_on_failure;
  return TransactWriteItem(std::move(check));
}

// The TransactItems list of `r`, each element parsed by `parse`.
template <typename T, typename Parse>
absl::StatusOr<std::vector<T>> ParseTransactItems(const ObjectReader& r,
                                                  Parse parse) {
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* items, r.Required("TransactItems"));
  const std::string path = r.PathOf("TransactItems");
  if (!items->is_array()) return NotAList(*items, path);
  std::vector<T> out;
  for (size_t i = 0; i < items->size(); ++i) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        T item, parse((*items)[i], absl::StrCat(path, ".", i + 1, ".member")));
    out.push_back(std::move(item));
  }
  return out;
}

absl::StatusOr<GetItemRequest> ParseGet(const Json& json,
                                        const std::string& path) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader item,
      ObjectReader::New(json, "TransactGetItem", path, {"Get"}));
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* get, item.Required("Get"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(*get, "Get", item.PathOf("Get"),
                        {"TableName", "Key", "ProjectionExpression",
                         "ExpressionAttributeNames"}));
  GetItemRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.key, RequiredItem(r, "Key"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.projection_expression,
                               r.OptionalString("ProjectionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.placeholders, ParsePlaceholders(r));
  return request;
}

}  // namespace

absl::StatusOr<TransactWriteItemsRequest> ParseTransactWriteItemsRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r, ObjectReader::New(json, "TransactWriteItemsRequest", "",
                                        {"TransactItems", "ClientRequestToken",
                                         "ReturnConsumedCapacity",
                                         "ReturnItemCollectionMetrics"}));
  TransactWriteItemsRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(
      request.transact_items,
      ParseTransactItems<TransactWriteItem>(r, ParseAction));
  TABLESTREAM_ASSIGN_OR_RETURN(request.client_request_token,
                               r.OptionalString("ClientRequestToken"));
  TABLESTREAM_RETURN_IF_ERROR(CheckIgnoredMembers(r));
  return request;
}

absl::StatusOr<TransactGetItemsRequest> ParseTransactGetItemsRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "TransactGetItemsRequest", "",
                        {"TransactItems", "ReturnConsumedCapacity"}));
  TransactGetItemsRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.transact_items,
                               ParseTransactItems<GetItemRequest>(r, ParseGet));
  TABLESTREAM_RETURN_IF_ERROR(
      r.OptionalEnum("ReturnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"})
          .status());
  return request;
}

Json TransactGetItemsResponse(const TransactGetItemsResult& result) {
  Json responses = Json::array();
  for (const std::optional<Item>& item : result.responses) {
    Json entry = Json::object();
    if (item) entry["Item"] = ItemToJson(*item);
    responses.push_back(std::move(entry));
  }
  return Json{{"Responses", std::move(responses)}};
}

Json CancellationReasonsToJson(const std::vector<CancellationReason>& reasons) {
  Json out = Json::array();
  for (const CancellationReason& reason : reasons) {
    Json entry{{"Code", reason.code}};
    if (!reason.message.empty()) entry["Message"] = reason.message;
    if (reason.item) entry["Item"] = ItemToJson(*reason.item);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace api
}  // namespace tablestream
