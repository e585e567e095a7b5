// Copyright 2026 The tablestream Authors.

#include "engine/expression_lexer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"

namespace tablestream {
namespace {

bool IsNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

absl::StatusOr<std::vector<ExpressionToken>> TokenizeExpression(
    std::string_view text, std::string_view expression_kind) {
  using Kind = ExpressionToken::Kind;
  std::vector<ExpressionToken> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i == text.size()) break;
    const size_t start = i;
    const char c = text[i];
    Kind kind = Kind::kPunct;
    if (IsNameStart(c)) {
      while (i < text.size() && IsNameChar(text[i])) ++i;
      kind = Kind::kName;
    } else if (IsDigit(c)) {
      while (i < text.size() && IsDigit(text[i])) ++i;
      kind = Kind::kNumber;
    } else if (c == '#' || c == ':') {
      ++i;
      while (i < text.size() && IsNameChar(text[i])) ++i;
      kind = c == '#' ? Kind::kNamePlaceholder : Kind::kValuePlaceholder;
      if (i == start + 1) kind = Kind::kEnd;  // a lone '#' or ':'
    } else if (c == '<') {
      ++i;
      if (i < text.size() && (text[i] == '>' || text[i] == '=')) ++i;
    } else if (c == '>') {
      ++i;
      if (i < text.size() && text[i] == '=') ++i;
    } else if (std::string_view("=()[],.+-").find(c) !=
               std::string_view::npos) {
      ++i;
    } else {
      kind = Kind::kEnd;  // not in the language
      ++i;
    }
    if (kind == Kind::kEnd) {
      // Near: the previous token and this character.
      const size_t near_start = tokens.empty() ? start : tokens.back().offset;
      return ValidationError(absl::StrCat(
          "Invalid ", AsAbsl(expression_kind), ": Syntax error; token: \"",
          AsAbsl(text.substr(start, i - start)), "\", near: \"",
          AsAbsl(text.substr(near_start, i - near_start)), "\""));
    }
    tokens.push_back({kind, text.substr(start, i - start), start});
  }
  tokens.push_back({Kind::kEnd, std::string_view(), text.size()});
  return tokens;
}

std::string_view NearText(std::string_view text,
                          const std::vector<ExpressionToken>& tokens,
                          size_t index) {
  const ExpressionToken& token = tokens[index];
  if (token.kind == ExpressionToken::Kind::kEnd) {
    if (index == 0) return std::string_view();
    const ExpressionToken& prev = tokens[index - 1];
    return text.substr(prev.offset, prev.text.size());
  }
  const size_t start = index == 0 ? token.offset : tokens[index - 1].offset;
  return text.substr(start, token.offset + token.text.size() - start);
}

}  // namespace tablestream
