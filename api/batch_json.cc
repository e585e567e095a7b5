// Copyright 2026 The tablestream Authors.

#include "api/batch_json.h"

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

// The RequestItems map of `r` (SerializationException if not a map).
absl::StatusOr<const Json*> RequestItems(const ObjectReader& r) {
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* items, r.Required("RequestItems"));
  if (!items->is_object()) return NotAMap(*items, r.PathOf("RequestItems"));
  return items;
}

absl::StatusOr<KeysAndAttributes> ParseKeysAndAttributes(const Json& json,
                                                         std::string path) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "KeysAndAttributes", std::move(path),
                        {"Keys", "AttributesToGet", "ConsistentRead",
                         "ProjectionExpression", "ExpressionAttributeNames"}));
  KeysAndAttributes keys;
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* list, r.Required("Keys"));
  const std::string keys_path = r.PathOf("Keys");
  if (!list->is_array()) return NotAList(*list, keys_path);
  for (size_t i = 0; i < list->size(); ++i) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        Item key, ItemFromJson((*list)[i],
                               absl::StrCat(keys_path, ".", i + 1, ".member")));
    keys.keys.push_back(std::move(key));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(keys.attributes_to_get,
                               r.StringList("AttributesToGet"));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<bool> consistent,
                               r.OptionalBool("ConsistentRead"));
  keys.consistent_read = consistent.value_or(false);
  TABLESTREAM_ASSIGN_OR_RETURN(keys.projection_expression,
                               r.OptionalString("ProjectionExpression"));
  TABLESTREAM_ASSIGN_OR_RETURN(ExpressionPlaceholders placeholders,
                               ParsePlaceholders(r));
  keys.expression_attribute_names = std::move(placeholders.names);
  return keys;
}

absl::StatusOr<WriteRequest> ParseWriteRequest(const Json& json,
                                               std::string path) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r, ObjectReader::New(json, "WriteRequest", path,
                                        {"PutRequest", "DeleteRequest"}));
  const Json* put = r.Find("PutRequest");
  const Json* del = r.Find("DeleteRequest");
  if ((put == nullptr) == (del == nullptr)) {
    return ValidationError(absl::StrCat(
        "A WriteRequest must contain exactly one of PutRequest and "
        "DeleteRequest (at ",
        path, ")"));
  }
  if (put != nullptr) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        ObjectReader p, ObjectReader::New(*put, "PutRequest",
                                          r.PathOf("PutRequest"), {"Item"}));
    TABLESTREAM_ASSIGN_OR_RETURN(Item item, RequiredItem(p, "Item"));
    return WriteRequest(PutRequest{std::move(item)});
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader d, ObjectReader::New(*del, "DeleteRequest",
                                        r.PathOf("DeleteRequest"), {"Key"}));
  TABLESTREAM_ASSIGN_OR_RETURN(Item key, RequiredItem(d, "Key"));
  return WriteRequest(DeleteRequest{std::move(key)});
}

Json KeysAndAttributesToJson(const KeysAndAttributes& keys) {
  Json out = Json::object();
  Json list = Json::array();
  for (const Item& key : keys.keys) list.push_back(ItemToJson(key));
  out["Keys"] = std::move(list);
  if (!keys.attributes_to_get.empty()) {
    out["AttributesToGet"] = keys.attributes_to_get;
  }
  if (keys.consistent_read) out["ConsistentRead"] = true;
  if (keys.projection_expression) {
    out["ProjectionExpression"] = *keys.projection_expression;
  }
  if (keys.expression_attribute_names) {
    out["ExpressionAttributeNames"] = *keys.expression_attribute_names;
  }
  return out;
}

}  // namespace

absl::StatusOr<BatchGetItemRequest> ParseBatchGetItemRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "BatchGetItemRequest", "",
                        {"RequestItems", "ReturnConsumedCapacity"}));
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* items, RequestItems(r));
  BatchGetItemRequest request;
  for (const auto& [table, keys] : items->items()) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        KeysAndAttributes parsed,
        ParseKeysAndAttributes(
            keys, absl::StrCat(r.PathOf("RequestItems"), ".", table)));
    request.request_items.emplace(table, std::move(parsed));
  }
  TABLESTREAM_RETURN_IF_ERROR(
      r.OptionalEnum("ReturnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"})
          .status());
  return request;
}

absl::StatusOr<BatchWriteItemRequest> ParseBatchWriteItemRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "BatchWriteItemRequest", "",
                        {"RequestItems", "ReturnConsumedCapacity",
                         "ReturnItemCollectionMetrics"}));
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* items, RequestItems(r));
  BatchWriteItemRequest request;
  for (const auto& [table, writes] : items->items()) {
    const std::string path = absl::StrCat(r.PathOf("RequestItems"), ".", table);
    if (!writes.is_array()) return NotAList(writes, path);
    std::vector<WriteRequest>& parsed = request.request_items[table];
    for (size_t i = 0; i < writes.size(); ++i) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          WriteRequest write,
          ParseWriteRequest(writes[i],
                            absl::StrCat(path, ".", i + 1, ".member")));
      parsed.push_back(std::move(write));
    }
  }
  TABLESTREAM_RETURN_IF_ERROR(CheckIgnoredMembers(r));
  return request;
}

Json BatchGetItemResponse(const BatchGetItemResult& result) {
  Json responses = Json::object();
  for (const auto& [table, items] : result.responses) {
    Json list = Json::array();
    for (const Item& item : items) list.push_back(ItemToJson(item));
    responses[table] = std::move(list);
  }
  Json unprocessed = Json::object();
  for (const auto& [table, keys] : result.unprocessed_keys) {
    unprocessed[table] = KeysAndAttributesToJson(keys);
  }
  return Json{{"Responses", std::move(responses)},
              {"UnprocessedKeys", std::move(unprocessed)}};
}

Json BatchWriteItemResponse(const BatchWriteItemResult& result) {
  Json unprocessed = Json::object();
  for (const auto& [table, writes] : result.unprocessed_items) {
    Json list = Json::array();
    for (const WriteRequest& write : writes) {
      if (const auto* put = std::get_if<PutRequest>(&write)) {
        list.push_back(Json{{"PutRequest", {{"Item", ItemToJson(put->item)}}}});
      } else {
        list.push_back(
            Json{{"DeleteRequest",
                  {{"Key", ItemToJson(std::get<DeleteRequest>(write).key)}}}});
      }
    }
    unprocessed[table] = std::move(list);
  }
  return Json{{"UnprocessedItems", std::move(unprocessed)}};
}

}  // namespace api
}  // namespace tablestream
