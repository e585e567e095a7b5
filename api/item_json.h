// Copyright 2026 The tablestream Authors.
//
// JSON requests and responses of the item operations: PutItem, GetItem,
// DeleteItem and UpdateItem, with the legacy conditional parameters
// (Expected, ConditionalOperator, AttributeUpdates, AttributesToGet).
//
// - ReturnValues: PutItem and DeleteItem allow NONE and ALL_OLD (others get
//   DynamoDB's "Return values set to invalid value"); UpdateItem allows all.
// - ReturnValuesOnConditionCheckFailure: ALL_OLD or NONE; with ALL_OLD a
//   ConditionalCheckFailedException's JSON carries the item ("Item").
// - ReturnConsumedCapacity, ReturnItemCollectionMetrics and ConsistentRead
//   are checked for shape and ignored (every read is consistent).
// - The expression parameters (ConditionExpression, UpdateExpression,
//   ProjectionExpression, ExpressionAttributeNames/Values) are read as they
//   are; the engine compiles and checks them.
// Value rules (key attributes, number syntax, sets, sizes) are the engine's.
//
// Responses: {"Attributes":{...}} when the write returned attributes, else
// {}; GetItem gives {"Item":{...}} or {} when there is no such item.
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_ITEM_JSON_H_
#define TABLESTREAM_API_ITEM_JSON_H_

#include <optional>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/item.h"

namespace tablestream {
namespace api {

// The whole-item map member (Item or Key) of `r`, required.
absl::StatusOr<Item> RequiredItem(const ObjectReader& r,
                                  std::string_view member);
// ReturnConsumedCapacity and ReturnItemCollectionMetrics: checked, ignored.
absl::Status CheckIgnoredMembers(const ObjectReader& r);
// ReturnValuesOnConditionCheckFailure (ALL_OLD or NONE; NONE when absent).
absl::StatusOr<ReturnValue> ParseReturnOnConditionFailure(
    const ObjectReader& r);

// ExpressionAttributeNames and ExpressionAttributeValues of `r` (each unset
// when absent).
absl::StatusOr<ExpressionPlaceholders> ParsePlaceholders(const ObjectReader& r);

absl::StatusOr<PutItemRequest> ParsePutItemRequest(const Json& json);
absl::StatusOr<GetItemRequest> ParseGetItemRequest(const Json& json);
absl::StatusOr<DeleteItemRequest> ParseDeleteItemRequest(const Json& json);
absl::StatusOr<UpdateItemRequest> ParseUpdateItemRequest(const Json& json);

// PutItem, DeleteItem and UpdateItem.
Json WriteItemResponse(const WriteResult& result);
Json GetItemResponse(const std::optional<Item>& item);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_ITEM_JSON_H_
