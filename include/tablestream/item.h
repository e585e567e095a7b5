// Copyright 2026 The tablestream Authors.
//
// Item operation requests and results, shaped after DynamoDB's PutItem,
// GetItem, UpdateItem and DeleteItem, with the expression parameters
// (ConditionExpression, UpdateExpression, ProjectionExpression,
// ExpressionAttributeNames/Values) and the legacy ones (Expected,
// AttributeUpdates, AttributesToGet). Both compile into the same internal
// representation; one request may not mix them (ValidationException).

#ifndef TABLESTREAM_ITEM_H_
#define TABLESTREAM_ITEM_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tablestream/attribute_value.h"

namespace tablestream {

// DynamoDB's ComparisonOperator for Expected conditions.
enum class ComparisonOperator {
  kEq,
  kNe,
  kLe,
  kLt,
  kGe,
  kGt,
  kNotNull,
  kNull,
  kContains,
  kNotContains,
  kBeginsWith,
  kIn,
  kBetween,
};
const char* ComparisonOperatorName(ComparisonOperator op);  // "EQ", ...
std::optional<ComparisonOperator> ParseComparisonOperator(const std::string& s);

// One entry of DynamoDB's Expected map. Either the short form (value and/or
// exists) or the long form (comparison_operator with attribute_value_list).
struct ExpectedAttributeValue {
  std::optional<AttributeValue> value;
  std::optional<bool> exists;
  std::optional<ComparisonOperator> comparison_operator;
  std::vector<AttributeValue> attribute_value_list;
};

enum class ConditionalOperator { kAnd, kOr };

// Expected conditions: all (AND, the default) or any (OR) must hold.
struct ExpectedConditions {
  std::map<std::string, ExpectedAttributeValue> expected;
  ConditionalOperator conditional_operator = ConditionalOperator::kAnd;
};

// ExpressionAttributeNames: "#placeholder" -> attribute name.
using ExpressionAttributeNames = std::map<std::string, std::string>;
// ExpressionAttributeValues: ":placeholder" -> value.
using ExpressionAttributeValues = std::map<std::string, AttributeValue>;

// The placeholders of a request's expressions. Unset and empty differ: an
// empty map is refused, as DynamoDB refuses it.
struct ExpressionPlaceholders {
  std::optional<ExpressionAttributeNames> names;
  std::optional<ExpressionAttributeValues> values;
};

// What a write returns. PutItem and DeleteItem allow kNone and kAllOld;
// UpdateItem allows all five.
enum class ReturnValue { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
const char* ReturnValueName(ReturnValue v);  // "NONE", "ALL_OLD", ...
std::optional<ReturnValue> ParseReturnValue(const std::string& s);

// Per-write options.
struct WriteOptions {
  // Unset: the engine's Options::durable_writes. true: acknowledged only after
  // the WAL is synced (survives power loss). false: survives a process kill.
  std::optional<bool> durable;
};

struct PutItemRequest {
  std::string table_name;
  Item item;  // must hold the key attributes with the declared types
  ExpectedConditions expected;
  ReturnValue return_values = ReturnValue::kNone;
  std::optional<std::string> condition_expression;
  ExpressionPlaceholders placeholders;
  // kAllOld: a failed condition's ConditionalCheckFailedException carries the
  // existing item (see ConditionalCheckFailedItem() in transaction.h). Only
  // kNone and kAllOld are allowed.
  ReturnValue return_values_on_condition_check_failure = ReturnValue::kNone;
};

struct GetItemRequest {
  std::string table_name;
  Item key;  // exactly the key attributes
  // Empty: the whole item. Otherwise only these top-level attributes.
  std::vector<std::string> attributes_to_get;
  bool consistent_read = false;  // accepted; every read is consistent
  // Only these document paths (a, b.c, l[2]); not with attributes_to_get.
  std::optional<std::string> projection_expression;
  ExpressionPlaceholders placeholders;  // names only
};

struct DeleteItemRequest {
  std::string table_name;
  Item key;
  ExpectedConditions expected;
  ReturnValue return_values = ReturnValue::kNone;
  std::optional<std::string> condition_expression;
  ExpressionPlaceholders placeholders;
  // kAllOld: a failed condition's ConditionalCheckFailedException carries the
  // existing item (see ConditionalCheckFailedItem() in transaction.h). Only
  // kNone and kAllOld are allowed.
  ReturnValue return_values_on_condition_check_failure = ReturnValue::kNone;
};

// DynamoDB's AttributeValueUpdate.
enum class AttributeAction { kPut, kDelete, kAdd };
const char* AttributeActionName(AttributeAction a);
std::optional<AttributeAction> ParseAttributeAction(const std::string& s);

struct AttributeValueUpdate {
  AttributeAction action = AttributeAction::kPut;
  std::optional<AttributeValue> value;
};

struct UpdateItemRequest {
  std::string table_name;
  Item key;
  // Key attributes cannot be updated. An update of a missing item creates it
  // (except when the only actions are DELETE).
  std::map<std::string, AttributeValueUpdate> attribute_updates;
  ExpectedConditions expected;
  ReturnValue return_values = ReturnValue::kNone;
  // SET / REMOVE / ADD / DELETE; not with attribute_updates. An update
  // expression on a missing item creates it.
  std::optional<std::string> update_expression;
  std::optional<std::string> condition_expression;
  ExpressionPlaceholders placeholders;
  // As for PutItemRequest.
  ReturnValue return_values_on_condition_check_failure = ReturnValue::kNone;
};

struct WriteResult {
  // Present when return_values asked for attributes and there were some.
  std::optional<Item> attributes;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ITEM_H_
