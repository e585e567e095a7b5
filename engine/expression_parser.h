// Copyright 2026 The tablestream Authors.
//
// The parser of DynamoDB's expression language. It reads one expression and
// compiles it straight into the internal forms the legacy parameters also
// compile into: a Condition (ConditionExpression, FilterExpression,
// KeyConditionExpression), UpdateActions (UpdateExpression) or DocumentPaths
// (ProjectionExpression). Placeholders are resolved against the request's
// ExpressionAttributeNames and ExpressionAttributeValues, and the ones used
// are recorded so that the caller can refuse unused ones.
//
// Grammar (keywords and function names as DynamoDB spells them; keywords
// are case-insensitive):
//   path      := element ('.' element | '[' digits ']')*
//   element   := name | #placeholder
//   term      := path | :placeholder | function '(' term (',' term)* ')'
//   condition := or
//   or        := and ('OR' and)*
//   and       := not ('AND' not)*
//   not       := 'NOT' not | primary
//   primary   := '(' condition ')'
//              | term comparator term            (= <> < <= > >=)
//              | term 'BETWEEN' term 'AND' term
//              | term 'IN' '(' term (',' term)* ')'
//              | attribute_exists(path) | attribute_not_exists(path)
//              | attribute_type(path, :t) | begins_with(term, term)
//              | contains(term, term)
//   operand terms of conditions: path, :value or size(path)
//   update    := section+, each of SET, REMOVE, ADD, DELETE at most once
//   SET       := path '=' value (',' path '=' value)*
//   value     := vterm | vterm '+' vterm | vterm '-' vterm
//   vterm     := path | :value | if_not_exists(path, vterm)
//              | list_append(vterm, vterm)
//   REMOVE    := path (',' path)*
//   ADD, DELETE := path :value (',' path :value)*
//   projection := path (',' path)*
// So precedence, loosest first: OR, AND, NOT, then comparisons, BETWEEN, IN
// and functions; parentheses group.
//
// Errors are ValidationExceptions with DynamoDB's texts, prefixed with
// "Invalid <Kind>: " (Kind: "ConditionExpression", "UpdateExpression", ...).
// A syntax error ("Syntax error; token: \"<t>\", near: \"<n>\"", token
// "<EOF>" at the end) wins over every other error; otherwise the first
// semantic error in text order is reported: reserved words ("Attribute name
// is a reserved keyword; reserved keyword: <w>"), undefined placeholders,
// unknown or misplaced functions, wrong operand counts or literal operand
// types, BETWEEN bounds in the wrong order, repeated update sections, and
// overlapping or conflicting paths in one update or projection.
//
// Pure functions of their arguments: thread-safe.

#ifndef TABLESTREAM_ENGINE_EXPRESSION_PARSER_H_
#define TABLESTREAM_ENGINE_EXPRESSION_PARSER_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/condition.h"
#include "engine/document_path.h"
#include "engine/update.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// The placeholders of one request, and which of them its expressions used.
struct ExpressionAttributes {
  // nullptr: the request has none.
  const std::map<std::string, std::string>* names = nullptr;
  // nullptr: the request has none. REQUIRES: values canonical.
  const std::map<std::string, AttributeValue>* values = nullptr;
  std::set<std::string> used_names;   // filled by the parsers
  std::set<std::string> used_values;  // filled by the parsers
};

// `kind` names the parameter in messages: "ConditionExpression",
// "FilterExpression" or "KeyConditionExpression".
absl::StatusOr<Condition> ParseConditionExpression(
    std::string_view text, std::string_view kind,
    ExpressionAttributes* attributes);

absl::StatusOr<std::vector<UpdateAction>> ParseUpdateExpression(
    std::string_view text, ExpressionAttributes* attributes);

absl::StatusOr<std::vector<DocumentPath>> ParseProjectionExpression(
    std::string_view text, ExpressionAttributes* attributes);

// A path as DynamoDB's messages write it: "[a, b, [2]]".
std::string PathForMessage(const DocumentPath& path);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_EXPRESSION_PARSER_H_
