// Copyright 2026 The tablestream Authors.

#include "engine/expression_compile.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/expression_parser.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

bool WellFormedKey(const std::string& key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (size_t i = 1; i < key.size(); ++i) {
    const char c = key[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

template <typename Map>
absl::Status CheckUnused(const Map& map, const std::set<std::string>& used,
                         const char* what) {
  std::vector<std::string> unused;
  for (const auto& entry : map) {
    if (used.count(entry.first) == 0) unused.push_back(entry.first);
  }
  if (unused.empty()) return absl::OkStatus();
  return ValidationError(absl::StrCat("Value provided in ", what,
                                      " unused in expressions: keys: {",
                                      absl::StrJoin(unused, ", "), "}"));
}

}  // namespace

absl::StatusOr<CompiledExpressions> CompileExpressions(
    const ExpressionParameters& p) {
  std::vector<std::string> expressions;
  if (p.update) expressions.push_back("UpdateExpression");
  if (p.condition) expressions.push_back("ConditionExpression");
  if (p.key_condition) expressions.push_back("KeyConditionExpression");
  if (p.filter) expressions.push_back("FilterExpression");
  if (p.projection) expressions.push_back("ProjectionExpression");
  if (!p.legacy.empty() && !expressions.empty()) {
    return ValidationError(absl::StrCat(
        "Can not use both expression and non-expression parameters in the "
        "same request: Non-expression parameters: {",
        absl::StrJoin(p.legacy, ", "), "} Expression parameters: {",
        absl::StrJoin(expressions, ", "), "}"));
  }
  const bool has_names = p.names != nullptr && p.names->has_value();
  const bool has_values = p.values != nullptr && p.values->has_value();
  if (expressions.empty()) {
    if (has_names) {
      return ValidationError(
          "ExpressionAttributeNames can only be specified when using "
          "expressions");
    }
    if (has_values) {
      return ValidationError(
          "ExpressionAttributeValues can only be specified when using "
          "expressions");
    }
    return CompiledExpressions();
  }
  if (has_names && (*p.names)->empty()) {
    return ValidationError("ExpressionAttributeNames must not be empty");
  }
  if (has_values && (*p.values)->empty()) {
    return ValidationError("ExpressionAttributeValues must not be empty");
  }
  if (has_names) {
    for (const auto& [key, name] : **p.names) {
      if (!WellFormedKey(key, '#')) {
        return ValidationError(absl::StrCat(
            "ExpressionAttributeNames contains invalid key: Syntax error; "
            "key: \"",
            key, "\""));
      }
    }
  }
  std::map<std::string, AttributeValue> values;
  if (has_values) {
    for (const auto& [key, value] : **p.values) {
      if (!WellFormedKey(key, ':')) {
        return ValidationError(absl::StrCat(
            "ExpressionAttributeValues contains invalid key: Syntax error; "
            "key: \"",
            key, "\""));
      }
      absl::StatusOr<AttributeValue> canonical = CanonicalizeValue(value);
      if (!canonical.ok()) {
        return ValidationError(
            absl::StrCat("ExpressionAttributeValues contains invalid value: ",
                         ErrorMessage(canonical.status()), " for key ", key));
      }
      values.emplace(key, *std::move(canonical));
    }
  }
  ExpressionAttributes attributes;
  attributes.names = has_names ? &**p.names : nullptr;
  attributes.values = has_values ? &values : nullptr;
  CompiledExpressions out;
  if (p.update) {
    TABLESTREAM_ASSIGN_OR_RETURN(out.update,
                                 ParseUpdateExpression(*p.update, &attributes));
  }
  if (p.condition) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        out.condition, ParseConditionExpression(
                           *p.condition, "ConditionExpression", &attributes));
  }
  if (p.key_condition) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        out.key_condition,
        ParseConditionExpression(*p.key_condition, "KeyConditionExpression",
                                 &attributes));
  }
  if (p.filter) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        out.filter,
        ParseConditionExpression(*p.filter, "FilterExpression", &attributes));
  }
  if (p.projection) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        out.projection, ParseProjectionExpression(*p.projection, &attributes));
  }
  if (has_names) {
    TABLESTREAM_RETURN_IF_ERROR(CheckUnused(**p.names, attributes.used_names,
                                            "ExpressionAttributeNames"));
  }
  if (has_values) {
    TABLESTREAM_RETURN_IF_ERROR(CheckUnused(values, attributes.used_values,
                                            "ExpressionAttributeValues"));
  }
  return out;
}

}  // namespace tablestream
