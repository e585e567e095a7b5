// Copyright 2026 The tablestream Authors.
//
// Compiles the expression parameters of one request (UpdateExpression,
// ConditionExpression, KeyConditionExpression, FilterExpression,
// ProjectionExpression, with ExpressionAttributeNames and
// ExpressionAttributeValues) into the internal forms, with the request-wide
// checks DynamoDB makes around the parser (engine/expression_parser.h):
//
//  1. Legacy and expression parameters are not mixed: "Can not use both
//     expression and non-expression parameters in the same request:
//     Non-expression parameters: {Expected} Expression parameters:
//     {ConditionExpression}".
//  2. Placeholder maps only with expressions: "ExpressionAttributeNames can
//     only be specified when using expressions" (and ...Values).
//  3. Placeholder maps not empty: "ExpressionAttributeNames must not be
//     empty" (and ...Values).
//  4. Placeholder keys well-formed: "ExpressionAttributeNames contains
//     invalid key: Syntax error; key: \"x\"" (#... and :... respectively).
//  5. Values valid: "ExpressionAttributeValues contains invalid value:
//     <reason> for key :v" (values are canonicalized).
//  6. Each expression parses (in the order update, condition, key condition,
//     filter, projection).
//  7. Every placeholder is used: "Value provided in ExpressionAttributeNames
//     unused in expressions: keys: {#a, #b}" (and ...Values).
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_ENGINE_EXPRESSION_COMPILE_H_
#define TABLESTREAM_ENGINE_EXPRESSION_COMPILE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/condition.h"
#include "engine/document_path.h"
#include "engine/update.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

struct ExpressionParameters {
  std::optional<std::string> update;
  std::optional<std::string> condition;
  std::optional<std::string> key_condition;
  std::optional<std::string> filter;
  std::optional<std::string> projection;
  const std::optional<std::map<std::string, std::string>>* names = nullptr;
  const std::optional<std::map<std::string, AttributeValue>>* values = nullptr;
  // The legacy parameters present in the request, by their AWS names
  // ("Expected", "AttributeUpdates", "AttributesToGet").
  std::vector<std::string> legacy;
};

struct CompiledExpressions {
  std::optional<std::vector<UpdateAction>> update;
  std::optional<Condition> condition;
  std::optional<Condition> key_condition;
  std::optional<Condition> filter;
  std::optional<std::vector<DocumentPath>> projection;
};

absl::StatusOr<CompiledExpressions> CompileExpressions(
    const ExpressionParameters& parameters);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_EXPRESSION_COMPILE_H_
