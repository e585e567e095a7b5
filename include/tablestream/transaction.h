// Copyright 2026 The tablestream Authors.
//
// TransactWriteItems and TransactGetItems, shaped after DynamoDB's, and the
// typed details of the errors they (and the single-item writes) return.
//
// TransactWriteItems applies 1 to 100 actions (Put, Update, Delete,
// ConditionCheck) on distinct items of any tables, all or nothing: every
// action's condition is evaluated, then every write and one stream record per
// item that really changes are committed in ONE RocksDB write batch (one
// commit group: the records of a transaction share one commit time, and in
// each shard their sequence numbers are contiguous). A ConditionCheck, or a
// write that changes nothing, writes no record. If any action fails, nothing
// is written and the status is TransactionCanceledException with one
// CancellationReason per action (see CancellationReasons() below).
//
// A request that is malformed (limits, an item in two actions, a bad
// expression) is refused with ValidationException before anything is read;
// an unknown table gives ResourceNotFoundException.
//
// ClientRequestToken makes TransactWriteItems idempotent for 10 minutes of
// the engine's clock: repeating a committed request with the same token
// succeeds without writing again; the same token with other parameters gives
// IdempotentParameterMismatchException. Tokens are stored durably with the
// transaction's writes, so they hold across restarts.
//
// TransactGetItems reads 1 to 100 items from one consistent snapshot.
//
// These functions are thread-safe (they only read their arguments).

#ifndef TABLESTREAM_TRANSACTION_H_
#define TABLESTREAM_TRANSACTION_H_

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "tablestream/attribute_value.h"
#include "tablestream/item.h"

namespace tablestream {

// The limits DynamoDB sets on transactions.
inline constexpr size_t kMaxTransactionActions = 100;
inline constexpr int64_t kMaxTransactionBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxClientRequestTokenLength = 36;
// How long a ClientRequestToken is remembered.
inline constexpr int64_t kClientRequestTokenSeconds = 10 * 60;

// DynamoDB's ConditionCheck action: a condition on an item that the
// transaction does not write.
struct ConditionCheck {
  std::string table_name;
  Item key;
  std::string condition_expression;  // required
  ExpressionPlaceholders placeholders;
  ReturnValue return_values_on_condition_check_failure = ReturnValue::kNone;
};

// One action of TransactWriteItems. Put, Update and Delete use the item
// requests of item.h, restricted as DynamoDB restricts them in transactions:
// expressions only (no Expected or AttributeUpdates), return_values kNone,
// and Update needs an update_expression. Each may set
// return_values_on_condition_check_failure.
using TransactWriteItem = std::variant<PutItemRequest, UpdateItemRequest,
                                       DeleteItemRequest, ConditionCheck>;

struct TransactWriteItemsRequest {
  std::vector<TransactWriteItem> transact_items;  // 1..100, distinct items
  // 1..36 characters.
  std::optional<std::string> client_request_token;
};

// One Get of TransactGetItems: table_name, key, projection_expression and
// placeholders (names only) of a GetItemRequest. attributes_to_get must be
// empty (ValidationException); consistent_read is ignored.
struct TransactGetItemsRequest {
  std::vector<GetItemRequest> transact_items;  // 1..100, distinct items
};

struct TransactGetItemsResult {
  // One entry per Get, in request order; nullopt for a missing item.
  std::vector<std::optional<Item>> responses;
};

// Why one action of a cancelled transaction failed, as DynamoDB reports it.
struct CancellationReason {
  // "None" (the action would have succeeded), "ConditionalCheckFailed" or
  // "ValidationError".
  std::string code;
  std::string message;  // empty for "None"
  // The item as it was, when the action failed its condition and asked for
  // return_values_on_condition_check_failure ALL_OLD (and the item exists).
  std::optional<Item> item;
};

// The reasons carried by a TransactionCanceledException status, one per
// action in request order; nullopt for any other status.
std::optional<std::vector<CancellationReason>> CancellationReasons(
    const absl::Status& status);

// The existing item carried by a ConditionalCheckFailedException status of
// PutItem, UpdateItem or DeleteItem called with
// return_values_on_condition_check_failure ALL_OLD; nullopt otherwise (or if
// there was no item).
std::optional<Item> ConditionalCheckFailedItem(const absl::Status& status);

}  // namespace tablestream

#endif  // TABLESTREAM_TRANSACTION_H_
