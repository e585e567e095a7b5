// Copyright 2026 The tablestream Authors.
//
// The lexer of DynamoDB's expression language (condition, update,
// projection, key condition and filter expressions): it cuts the text into
// tokens and nothing more. Keywords (AND, SET, BETWEEN, ...) come out as
// kName tokens; the parser decides by position what a word means.
//
// Tokens:
//   kName         [A-Za-z_][A-Za-z0-9_]*   an attribute name, keyword or
//                                          function name
//   kNamePlaceholder  #[A-Za-z0-9_]+       an ExpressionAttributeNames key
//   kValuePlaceholder :[A-Za-z0-9_]+       an ExpressionAttributeValues key
//   kNumber       [0-9]+                   (list indexes)
//   kPunct        = <> < <= > >= ( ) [ ] , . + -
//   kEnd          the end of the text
// Whitespace (space, tab, CR, LF) separates tokens. Any other character is
// a syntax error.
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_ENGINE_EXPRESSION_LEXER_H_
#define TABLESTREAM_ENGINE_EXPRESSION_LEXER_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tablestream {

struct ExpressionToken {
  enum class Kind {
    kName,
    kNamePlaceholder,
    kValuePlaceholder,
    kNumber,
    kPunct,
    kEnd,
  };
  Kind kind = Kind::kEnd;
  // The token's text (a view into the expression; kEnd: empty).
  std::string_view text;
  size_t offset = 0;  // of the token's first byte in the expression
};

// Cuts `text` into tokens, ending with one kEnd token. The views point into
// `text`, which must outlive them.
// Errors (ValidationException), with `expression_kind` naming the parameter
// ("UpdateExpression"):
//   "Invalid <kind>: Syntax error; token: \"<c>\", near: \"<text around>\""
//   for a character outside the language, or a lone '#' or ':'.
absl::StatusOr<std::vector<ExpressionToken>> TokenizeExpression(
    std::string_view text, std::string_view expression_kind);

// The "near" text of DynamoDB's syntax errors: from the start of the token
// before `index` to the end of the token at `index` (the previous token
// alone at the end of the text).
std::string_view NearText(std::string_view text,
                          const std::vector<ExpressionToken>& tokens,
                          size_t index);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_EXPRESSION_LEXER_H_
