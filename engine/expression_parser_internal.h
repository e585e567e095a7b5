// Copyright 2026 The tablestream Authors.
//
// Internal to the expression parser (engine/expression_parser.h), whose
// code is split by concern:
//   expression_parser.cc     tokens, paths, terms, projections, entry points
//   expression_condition.cc  condition expressions
//   expression_update.cc     update expressions
// Nothing outside those files includes this header.
//
// A Parser reads one token list once; it is not thread-safe, and lives for
// one call of the functions in expression_parser.h.

#ifndef TABLESTREAM_ENGINE_EXPRESSION_PARSER_INTERNAL_H_
#define TABLESTREAM_ENGINE_EXPRESSION_PARSER_INTERNAL_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/condition.h"
#include "engine/document_path.h"
#include "engine/expression_lexer.h"
#include "engine/expression_parser.h"
#include "engine/update.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"

namespace tablestream {
namespace expression_internal {

using Kind = ExpressionToken::Kind;

// A parsed term before it becomes an Operand or a ValueExpr.
struct Term {
  enum class Type { kPath, kValue, kCall };
  Type type = Type::kPath;
  DocumentPath path;     // kPath
  AttributeValue value;  // kValue
  std::string function;  // kCall
  std::vector<Term> args;
};

inline bool IsConditionFunction(std::string_view f) {
  return f == "attribute_exists" || f == "attribute_not_exists" ||
         f == "attribute_type" || f == "begins_with" || f == "contains";
}
inline bool IsUpdateFunction(std::string_view f) {
  return f == "if_not_exists" || f == "list_append";
}
inline bool IsKnownFunction(std::string_view f) {
  return IsConditionFunction(f) || IsUpdateFunction(f) || f == "size";
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view kind,
         std::vector<ExpressionToken> tokens, ExpressionAttributes* attributes)
      : text_(text),
        kind_(kind),
        tokens_(std::move(tokens)),
        attributes_(attributes) {}

  absl::StatusOr<Condition> WholeCondition();
  absl::StatusOr<std::vector<UpdateAction>> WholeUpdate();
  absl::StatusOr<std::vector<DocumentPath>> WholeProjection();

 private:
  const ExpressionToken& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  bool AtEnd() const { return Peek().kind == Kind::kEnd; }
  bool IsPunct(std::string_view p, size_t ahead = 0) const {
    return Peek(ahead).kind == Kind::kPunct && Peek(ahead).text == p;
  }
  bool IsKeyword(std::string_view word, size_t ahead = 0) const {
    return Peek(ahead).kind == Kind::kName &&
           absl::EqualsIgnoreCase(AsAbsl(Peek(ahead).text), AsAbsl(word));
  }

  absl::Status SyntaxError() const {
    const ExpressionToken& t = Peek();
    std::string_view near = NearText(text_, tokens_, pos_);
    return Invalid(absl::StrCat("Syntax error; token: \"",
                                t.kind == Kind::kEnd ? "<EOF>" : AsAbsl(t.text),
                                "\", near: \"", AsAbsl(near), "\""));
  }
  absl::Status Invalid(std::string_view message) const {
    return ValidationError(
        absl::StrCat("Invalid ", AsAbsl(kind_), ": ", AsAbsl(message)));
  }
  // Records the first semantic error; parsing goes on so that a later
  // syntax error still wins, as in DynamoDB.
  void Semantic(std::string_view message) {
    if (semantic_.ok()) semantic_ = Invalid(message);
  }
  absl::Status Expect(std::string_view punct) {
    if (!IsPunct(punct)) return SyntaxError();
    ++pos_;
    return absl::OkStatus();
  }
  // Ends a parse: a syntax error if tokens remain, else the first semantic
  // error.
  absl::Status Finish() const {
    if (!AtEnd()) return SyntaxError();
    return semantic_;
  }

  absl::StatusOr<PathElement> Element();
  absl::StatusOr<DocumentPath> Path();
  absl::StatusOr<AttributeValue> ValuePlaceholder();
  absl::StatusOr<Term> ParseTerm();

  absl::StatusOr<Condition> Or();
  absl::StatusOr<Condition> And();
  absl::StatusOr<Condition> Not();
  absl::StatusOr<Condition> Primary();
  Condition FunctionCondition(Term term);
  Operand ToOperand(Term term, std::string_view op);
  void CheckDistinct(const std::vector<Term>& terms, std::string_view op);
  bool CheckArgCount(const Term& call, size_t count);

  absl::StatusOr<ValueExpr> SetValue();
  ValueExpr ToValueExpr(Term term);
  void CheckOverlaps(const std::vector<DocumentPath>& paths);

  std::string_view text_;
  std::string_view kind_;
  std::vector<ExpressionToken> tokens_;
  ExpressionAttributes* attributes_;
  size_t pos_ = 0;
  absl::Status semantic_;
};

}  // namespace expression_internal
}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_EXPRESSION_PARSER_INTERNAL_H_
