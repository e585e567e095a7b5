// Copyright 2026 The tablestream Authors.
//
// The update grammar of the expression parser (see
// expression_parser_internal.h).

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/expression_parser_internal.h"
#include "util/status_macros.h"

namespace tablestream {
namespace expression_internal {
namespace {

// DynamoDB's type names in ADD/DELETE operand errors.
const char* LongTypeName(AttributeType type) {
  switch (type) {
    case AttributeType::kS:
      return "STRING";
    case AttributeType::kN:
      return "NUMBER";
    case AttributeType::kB:
      return "BINARY";
    case AttributeType::kBool:
      return "BOOLEAN";
    case AttributeType::kNull:
      return "NULL";
    case AttributeType::kM:
      return "MAP";
    case AttributeType::kL:
      return "LIST";
    case AttributeType::kSS:
      return "STRING_SET";
    case AttributeType::kNS:
      return "NUMBER_SET";
    case AttributeType::kBS:
      return "BINARY_SET";
  }
  return "UNKNOWN";
}

}  // namespace

ValueExpr Parser::ToValueExpr(Term term) {
  switch (term.type) {
    case Term::Type::kPath:
      return ValueExpr::Path(std::move(term.path));
    case Term::Type::kValue:
      return ValueExpr::Literal(std::move(term.value));
    case Term::Type::kCall:
      break;
  }
  const std::string& f = term.function;
  if (f == "if_not_exists") {
    if (!CheckArgCount(term, 2)) return ValueExpr();
    if (term.args[0].type != Term::Type::kPath) {
      Semantic(
          "Operator or function requires a document path; operator or "
          "function: if_not_exists");
      return ValueExpr();
    }
    DocumentPath path = std::move(term.args[0].path);
    return ValueExpr::IfNotExists(std::move(path),
                                  ToValueExpr(std::move(term.args[1])));
  }
  if (f == "list_append") {
    if (!CheckArgCount(term, 2)) return ValueExpr();
    for (const Term& arg : term.args) {
      if (arg.type == Term::Type::kValue &&
          arg.value.type() != AttributeType::kL) {
        Semantic(absl::StrCat(
            "Incorrect operand type for operator or function; operator or "
            "function: list_append, operand type: ",
            AttributeTypeName(arg.value.type())));
      }
    }
    ValueExpr a = ToValueExpr(std::move(term.args[0]));
    ValueExpr b = ToValueExpr(std::move(term.args[1]));
    return ValueExpr::ListAppend(std::move(a), std::move(b));
  }
  if (IsKnownFunction(f)) {
    Semantic(absl::StrCat(
        "The function is not allowed in an update expression; function: ", f));
  }
  return ValueExpr();
}

absl::StatusOr<ValueExpr> Parser::SetValue() {
  TABLESTREAM_ASSIGN_OR_RETURN(Term left, ParseTerm());
  if (!IsPunct("+") && !IsPunct("-")) return ToValueExpr(std::move(left));
  const bool plus = IsPunct("+");
  ++pos_;
  TABLESTREAM_ASSIGN_OR_RETURN(Term right, ParseTerm());
  for (const Term* t : {&left, &right}) {
    if (t->type == Term::Type::kValue && t->value.type() != AttributeType::kN) {
      Semantic(absl::StrCat(
          "Incorrect operand type for operator or function; operator or "
          "function: ",
          plus ? "+" : "-",
          ", operand type: ", AttributeTypeName(t->value.type())));
    }
  }
  ValueExpr a = ToValueExpr(std::move(left));
  ValueExpr b = ToValueExpr(std::move(right));
  return plus ? ValueExpr::Plus(std::move(a), std::move(b))
              : ValueExpr::Minus(std::move(a), std::move(b));
}

absl::StatusOr<std::vector<UpdateAction>> Parser::WholeUpdate() {
  if (AtEnd()) return Invalid("The expression can not be empty;");
  std::vector<UpdateAction> actions;
  std::set<std::string> sections;
  while (!AtEnd()) {
    std::string section;
    for (const char* s : {"SET", "REMOVE", "ADD", "DELETE"}) {
      if (IsKeyword(s)) section = s;
    }
    if (section.empty()) return SyntaxError();
    ++pos_;
    if (!sections.insert(section).second) {
      Semantic(absl::StrCat("The \"", section,
                            "\" section can only be used once in an update "
                            "expression;"));
    }
    while (true) {
      TABLESTREAM_ASSIGN_OR_RETURN(DocumentPath path, Path());
      if (section == "SET") {
        TABLESTREAM_RETURN_IF_ERROR(Expect("="));
        TABLESTREAM_ASSIGN_OR_RETURN(ValueExpr value, SetValue());
        actions.push_back(UpdateAction::Set(std::move(path), std::move(value)));
      } else if (section == "REMOVE") {
        actions.push_back(UpdateAction::Remove(std::move(path)));
      } else {
        TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue value, ValuePlaceholder());
        const AttributeType t = value.type();
        const bool is_set = t == AttributeType::kSS ||
                            t == AttributeType::kNS || t == AttributeType::kBS;
        if (section == "ADD" ? !(is_set || t == AttributeType::kN) : !is_set) {
          Semantic(absl::StrCat(
              "Incorrect operand type for operator or function; operator: ",
              section, ", operand type: ", LongTypeName(t)));
        }
        actions.push_back(section == "ADD"
                              ? UpdateAction::Add(std::move(path), value)
                              : UpdateAction::Delete(std::move(path), value));
      }
      if (!IsPunct(",")) break;
      ++pos_;
    }
  }
  std::vector<DocumentPath> paths;
  for (const UpdateAction& a : actions) paths.push_back(a.path);
  CheckOverlaps(paths);
  TABLESTREAM_RETURN_IF_ERROR(Finish());
  return actions;
}

}  // namespace expression_internal
}  // namespace tablestream
