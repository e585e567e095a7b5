// Copyright 2026 The tablestream Authors.
//
// JSON requests and responses of TransactWriteItems and TransactGetItems.
//
// - TransactItems: each element holds exactly one of Put, Update, Delete,
//   ConditionCheck (TransactWriteItems) or Get (TransactGetItems), each with
//   DynamoDB's members (TableName, Item/Key, the expressions and their
//   placeholders, ReturnValuesOnConditionCheckFailure).
// - ClientRequestToken is passed to the engine as it is.
// - ReturnConsumedCapacity and ReturnItemCollectionMetrics are checked for
//   shape and ignored.
// Limits (1..100 actions, 4 MB, distinct items) are the engine's.
//
// Responses: TransactWriteItems {}; TransactGetItems {"Responses":[{"Item":
// {...}}, {} for a missing item, ...]}. A TransactionCanceledException's JSON
// carries "CancellationReasons" (see ErrorToJson in dispatcher.h).
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_TRANSACTION_JSON_H_
#define TABLESTREAM_API_TRANSACTION_JSON_H_

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/transaction.h"

namespace tablestream {
namespace api {

absl::StatusOr<TransactWriteItemsRequest> ParseTransactWriteItemsRequest(
    const Json& json);
absl::StatusOr<TransactGetItemsRequest> ParseTransactGetItemsRequest(
    const Json& json);

Json TransactGetItemsResponse(const TransactGetItemsResult& result);
// [{"Code": "None"}, {"Code": "ConditionalCheckFailed", "Message": "...",
// "Item": {...}}, ...]
Json CancellationReasonsToJson(const std::vector<CancellationReason>& reasons);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_TRANSACTION_JSON_H_
