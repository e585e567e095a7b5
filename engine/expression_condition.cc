// Copyright 2026 The tablestream Authors.
//
// The condition grammar of the expression parser (see
// expression_parser_internal.h).

#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "engine/expression_parser_internal.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace expression_internal {
namespace {

// {N:5}, as DynamoDB writes a literal operand in messages.
std::string LiteralForMessage(const AttributeValue& v) {
  switch (v.type()) {
    case AttributeType::kS:
    case AttributeType::kN:
    case AttributeType::kB:
      return absl::StrCat("{", AttributeTypeName(v.type()), ":", v.scalar(),
                          "}");
    default:
      return v.DebugString();
  }
}

}  // namespace

absl::StatusOr<Condition> Parser::WholeCondition() {
  if (AtEnd()) {
    return Invalid("The expression can not be empty;");
  }
  TABLESTREAM_ASSIGN_OR_RETURN(Condition c, Or());
  TABLESTREAM_RETURN_IF_ERROR(Finish());
  return c;
}

absl::StatusOr<Condition> Parser::Or() {
  std::vector<Condition> children;
  TABLESTREAM_ASSIGN_OR_RETURN(Condition first, And());
  children.push_back(std::move(first));
  while (IsKeyword("OR")) {
    ++pos_;
    TABLESTREAM_ASSIGN_OR_RETURN(Condition next, And());
    children.push_back(std::move(next));
  }
  if (children.size() == 1) return std::move(children[0]);
  return Condition::Or(std::move(children));
}

absl::StatusOr<Condition> Parser::And() {
  std::vector<Condition> children;
  TABLESTREAM_ASSIGN_OR_RETURN(Condition first, Not());
  children.push_back(std::move(first));
  while (IsKeyword("AND")) {
    ++pos_;
    TABLESTREAM_ASSIGN_OR_RETURN(Condition next, Not());
    children.push_back(std::move(next));
  }
  if (children.size() == 1) return std::move(children[0]);
  return Condition::And(std::move(children));
}

absl::StatusOr<Condition> Parser::Not() {
  // NOT is reserved, so it can never start a path: always the operator.
  if (IsKeyword("NOT")) {
    ++pos_;
    TABLESTREAM_ASSIGN_OR_RETURN(Condition child, Not());
    return Condition::Not(std::move(child));
  }
  return Primary();
}

Operand Parser::ToOperand(Term term, std::string_view op) {
  switch (term.type) {
    case Term::Type::kPath:
      return Operand::Path(std::move(term.path));
    case Term::Type::kValue:
      return Operand::Value(std::move(term.value));
    case Term::Type::kCall:
      break;
  }
  if (term.function == "size") {
    if (CheckArgCount(term, 1)) {
      if (term.args[0].type != Term::Type::kPath) {
        Semantic(
            "Operator or function requires a document path; operator or "
            "function: size");
      } else {
        return Operand::Size(std::move(term.args[0].path));
      }
    }
  } else if (IsUpdateFunction(term.function)) {
    Semantic(absl::StrCat(
        "The function is not allowed in a condition expression; function: ",
        term.function));
  } else if (IsConditionFunction(term.function)) {
    Semantic(absl::StrCat(
        "The function is not allowed to be used this way in an expression; "
        "function: ",
        term.function));
  }
  (void)op;
  return Operand::Value(AttributeValue::Null());
}

void Parser::CheckDistinct(const std::vector<Term>& terms,
                           std::string_view op) {
  if (terms[0].type != Term::Type::kPath) return;
  for (size_t i = 1; i < terms.size(); ++i) {
    if (terms[i].type == Term::Type::kPath && terms[i].path == terms[0].path) {
      Semantic(absl::StrCat(
          "The first operand must be distinct from the remaining operands "
          "for this operator or function; operator: ",
          AsAbsl(op), ", first operand: ", PathForMessage(terms[0].path)));
      return;
    }
  }
}

Condition Parser::FunctionCondition(Term term) {
  const std::string& f = term.function;
  if (f == "attribute_exists" || f == "attribute_not_exists") {
    if (!CheckArgCount(term, 1)) return Condition::True();
    if (term.args[0].type != Term::Type::kPath) {
      Semantic(absl::StrCat(
          "Operator or function requires a document path; operator or "
          "function: ",
          f));
      return Condition::True();
    }
    return f == "attribute_exists"
               ? Condition::AttributeExists(term.args[0].path)
               : Condition::AttributeNotExists(term.args[0].path);
  }
  if (f == "attribute_type") {
    if (!CheckArgCount(term, 2)) return Condition::True();
    if (term.args[0].type != Term::Type::kPath) {
      Semantic(
          "Operator or function requires a document path; operator or "
          "function: attribute_type");
      return Condition::True();
    }
    if (term.args[1].type != Term::Type::kValue) {
      Semantic(
          "Incorrect operand type for operator or function; operator or "
          "function: attribute_type, operand type: path");
      return Condition::True();
    }
    const AttributeValue& t = term.args[1].value;
    static const char* const kTypes[] = {"S", "N", "B",  "BOOL", "NULL",
                                         "M", "L", "SS", "NS",   "BS"};
    if (t.type() != AttributeType::kS) {
      Semantic(absl::StrCat(
          "Incorrect operand type for operator or function; operator or "
          "function: attribute_type, operand type: ",
          AttributeTypeName(t.type())));
    } else if (std::find(std::begin(kTypes), std::end(kTypes), t.scalar()) ==
               std::end(kTypes)) {
      Semantic(
          absl::StrCat("Invalid attribute type name found; type: ", t.scalar(),
                       ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }"));
    }
    return Condition::AttributeTypeIs(term.args[0].path, t);
  }
  if (f == "begins_with" || f == "contains") {
    if (!CheckArgCount(term, 2)) return Condition::True();
    if (f == "begins_with") {
      for (const Term& arg : term.args) {
        if (arg.type == Term::Type::kValue &&
            arg.value.type() != AttributeType::kS &&
            arg.value.type() != AttributeType::kB) {
          Semantic(absl::StrCat(
              "Incorrect operand type for operator or function; operator or "
              "function: begins_with, operand type: ",
              AttributeTypeName(arg.value.type())));
        }
      }
    }
    Operand a = ToOperand(std::move(term.args[0]), f);
    Operand b = ToOperand(std::move(term.args[1]), f);
    return f == "begins_with"
               ? Condition::BeginsWith(std::move(a), std::move(b))
               : Condition::Contains(std::move(a), std::move(b));
  }
  if (f == "size") {
    Semantic(
        "The function is not allowed to be used this way in an expression; "
        "function: size");
  } else if (IsUpdateFunction(f)) {
    Semantic(absl::StrCat(
        "The function is not allowed in a condition expression; function: ",
        f));
  }
  return Condition::True();
}

absl::StatusOr<Condition> Parser::Primary() {
  if (IsPunct("(")) {
    ++pos_;
    TABLESTREAM_ASSIGN_OR_RETURN(Condition inner, Or());
    TABLESTREAM_RETURN_IF_ERROR(Expect(")"));
    return inner;
  }
  TABLESTREAM_ASSIGN_OR_RETURN(Term left, ParseTerm());
  static const std::pair<std::string_view, CompareOp> kComparators[] = {
      {"=", CompareOp::kEq},  {"<>", CompareOp::kNe}, {"<", CompareOp::kLt},
      {"<=", CompareOp::kLe}, {">", CompareOp::kGt},  {">=", CompareOp::kGe}};
  for (const auto& [text, op] : kComparators) {
    if (!IsPunct(text)) continue;
    ++pos_;
    TABLESTREAM_ASSIGN_OR_RETURN(Term right, ParseTerm());
    std::vector<Term> terms;
    terms.push_back(std::move(left));
    terms.push_back(std::move(right));
    CheckDistinct(terms, text);
    Operand a = ToOperand(std::move(terms[0]), text);
    Operand b = ToOperand(std::move(terms[1]), text);
    return Condition::Compare(op, std::move(a), std::move(b));
  }
  if (IsKeyword("BETWEEN")) {
    ++pos_;
    std::vector<Term> terms;
    terms.push_back(std::move(left));
    TABLESTREAM_ASSIGN_OR_RETURN(Term lo, ParseTerm());
    if (!IsKeyword("AND")) return SyntaxError();
    ++pos_;
    TABLESTREAM_ASSIGN_OR_RETURN(Term hi, ParseTerm());
    terms.push_back(std::move(lo));
    terms.push_back(std::move(hi));
    CheckDistinct(terms, "BETWEEN");
    const Term& l = terms[1];
    const Term& h = terms[2];
    if (l.type == Term::Type::kValue && h.type == Term::Type::kValue &&
        l.value.type() == h.value.type() &&
        (l.value.type() == AttributeType::kS ||
         l.value.type() == AttributeType::kN ||
         l.value.type() == AttributeType::kB) &&
        CompareScalar(l.value, h.value) > 0) {
      Semantic(absl::StrCat(
          "The BETWEEN operator requires upper bound to be greater than or "
          "equal to lower bound; lower bound operand: AttributeValue: ",
          LiteralForMessage(l.value), ", upper bound operand: AttributeValue: ",
          LiteralForMessage(h.value)));
    }
    Operand x = ToOperand(std::move(terms[0]), "BETWEEN");
    Operand lo_op = ToOperand(std::move(terms[1]), "BETWEEN");
    Operand hi_op = ToOperand(std::move(terms[2]), "BETWEEN");
    return Condition::Between(std::move(x), std::move(lo_op), std::move(hi_op));
  }
  if (IsKeyword("IN")) {
    ++pos_;
    TABLESTREAM_RETURN_IF_ERROR(Expect("("));
    std::vector<Term> terms;
    terms.push_back(std::move(left));
    while (true) {
      TABLESTREAM_ASSIGN_OR_RETURN(Term candidate, ParseTerm());
      terms.push_back(std::move(candidate));
      if (IsPunct(",")) {
        ++pos_;
        continue;
      }
      TABLESTREAM_RETURN_IF_ERROR(Expect(")"));
      break;
    }
    if (terms.size() > 101) {
      Semantic(absl::StrCat(
          "The expression contains too many operands for IN; operator: IN, "
          "number of operands: ",
          terms.size() - 1, ", limit: 100"));
    }
    CheckDistinct(terms, "IN");
    Operand x = ToOperand(std::move(terms[0]), "IN");
    std::vector<Operand> candidates;
    for (size_t i = 1; i < terms.size(); ++i) {
      candidates.push_back(ToOperand(std::move(terms[i]), "IN"));
    }
    return Condition::In(std::move(x), std::move(candidates));
  }
  if (left.type == Term::Type::kCall) {
    return FunctionCondition(std::move(left));
  }
  return SyntaxError();
}

}  // namespace expression_internal
}  // namespace tablestream
