// Copyright 2026 The tablestream Authors.
//
// KeyCondition is a Query's KeyConditionExpression reduced to what the
// items column family can seek: one partition key value, and optionally one
// condition on the sort key (=, <, <=, >, >=, BETWEEN, begins_with). The
// parsed Condition is checked against the table's key schema with DynamoDB's
// rules and messages.
//
// Plain values and pure functions: thread-safe.

#ifndef TABLESTREAM_ENGINE_KEY_CONDITION_H_
#define TABLESTREAM_ENGINE_KEY_CONDITION_H_

#include "absl/status/statusor.h"
#include "engine/catalog.h"
#include "engine/condition.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

struct KeyCondition {
  enum class SortOp { kNone, kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

  AttributeValue partition;  // canonical, of the partition key's type
  SortOp sort_op = SortOp::kNone;
  AttributeValue lo;  // the operand of kEq..kGe, kBeginsWith; kBetween's low
  AttributeValue hi;  // kBetween's high
};

// Reduces a parsed KeyConditionExpression. Errors (ValidationException):
//  - an operator other than = < <= > >= BETWEEN begins_with, or AND joining
//    anything but two such conditions: "Invalid operator used in
//    KeyConditionExpression: <OP>";
//  - a condition comparing two paths or two values, or a size():
//    "Invalid KeyConditionExpression: ..." texts;
//  - a nested path: "KeyConditionExpressions cannot have conditions on
//    nested attributes";
//  - two conditions on one key: "KeyConditionExpressions must only contain
//    one condition per key";
//  - an attribute outside the key schema: "Query key condition not
//    supported";
//  - no equality on the partition key (or another operator on it): "Query
//    condition missed key schema element: <pk>";
//  - a value whose type is not the key's: "One or more parameter values were
//    invalid: Condition parameter type does not match schema type";
//  - begins_with on an N sort key: "Invalid KeyConditionExpression:
//    Incorrect operand type for operator or function; operator or function:
//    begins_with, operand type: N".
absl::StatusOr<KeyCondition> ReduceKeyCondition(const Condition& condition,
                                                const KeySchema& schema);

// Where a sort key value lies relative to the condition's sort key range:
// -1 before it, 0 inside, 1 after it (in the key's ascending order). Always
// 0 for kNone. REQUIRES: `sort` is of the sort key's type.
int SortKeyPosition(const KeyCondition& condition, const AttributeValue& sort);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_KEY_CONDITION_H_
