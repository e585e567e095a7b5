// Copyright 2026 The tablestream Authors.

#include "engine/expression_parser.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/expression_lexer.h"
#include "engine/reserved_words.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

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

bool IsConditionFunction(std::string_view f) {
  return f == "attribute_exists" || f == "attribute_not_exists" ||
         f == "attribute_type" || f == "begins_with" || f == "contains";
}
bool IsUpdateFunction(std::string_view f) {
  return f == "if_not_exists" || f == "list_append";
}
bool IsKnownFunction(std::string_view f) {
  return IsConditionFunction(f) || IsUpdateFunction(f) || f == "size";
}

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
    return Invalid(absl::StrCat(
        "Syntax error; token: \"",
        t.kind == Kind::kEnd ? "<EOF>" : AsAbsl(t.text), "\", near: \"",
        AsAbsl(near), "\""));
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

absl::StatusOr<PathElement> Parser::Element() {
  const ExpressionToken& t = Peek();
  if (t.kind == Kind::kName) {
    ++pos_;
    if (IsReservedWord(t.text)) {
      Semantic(absl::StrCat(
          "Attribute name is a reserved keyword; reserved keyword: ",
          AsAbsl(t.text)));
    }
    return PathElement::Name(std::string(t.text));
  }
  if (t.kind == Kind::kNamePlaceholder) {
    ++pos_;
    std::string key(t.text);
    const auto* names = attributes_->names;
    if (names == nullptr || names->find(key) == names->end()) {
      Semantic(absl::StrCat(
          "An expression attribute name used in the document path is not "
          "defined; attribute name: ",
          key));
      return PathElement::Name(key);
    }
    attributes_->used_names.insert(key);
    return PathElement::Name(names->at(key));
  }
  return SyntaxError();
}

absl::StatusOr<DocumentPath> Parser::Path() {
  DocumentPath path;
  TABLESTREAM_ASSIGN_OR_RETURN(PathElement first, Element());
  path.push_back(std::move(first));
  while (true) {
    if (IsPunct(".")) {
      ++pos_;
      TABLESTREAM_ASSIGN_OR_RETURN(PathElement next, Element());
      path.push_back(std::move(next));
    } else if (IsPunct("[")) {
      ++pos_;
      if (Peek().kind != Kind::kNumber) return SyntaxError();
      std::string_view digits = Peek().text;
      size_t index = 0;
      bool too_big = false;
      for (char c : digits) {
        if (index > (size_t{1} << 40)) too_big = true;
        index = index * 10 + static_cast<size_t>(c - '0');
      }
      if (too_big) {
        Semantic(absl::StrCat("List index is too large; index: ",
                              AsAbsl(digits)));
      }
      ++pos_;
      TABLESTREAM_RETURN_IF_ERROR(Expect("]"));
      path.push_back(PathElement::Index(index));
    } else {
      break;
    }
  }
  if (path.size() > static_cast<size_t>(kMaxNestingDepth)) {
    Semantic(absl::StrCat(
        "The document path has too many nesting levels; nesting levels: ",
        path.size()));
  }
  return path;
}

absl::StatusOr<AttributeValue> Parser::ValuePlaceholder() {
  const ExpressionToken& t = Peek();
  if (t.kind != Kind::kValuePlaceholder) return SyntaxError();
  ++pos_;
  std::string key(t.text);
  const auto* values = attributes_->values;
  if (values == nullptr || values->find(key) == values->end()) {
    Semantic(absl::StrCat(
        "An expression attribute value used in expression is not defined; "
        "attribute value: ",
        key));
    return AttributeValue::Null();
  }
  attributes_->used_values.insert(key);
  return values->at(key);
}

absl::StatusOr<Term> Parser::ParseTerm() {
  Term term;
  const ExpressionToken& t = Peek();
  if (t.kind == Kind::kValuePlaceholder) {
    term.type = Term::Type::kValue;
    TABLESTREAM_ASSIGN_OR_RETURN(term.value, ValuePlaceholder());
    return term;
  }
  if (t.kind == Kind::kName && IsPunct("(", 1)) {
    term.type = Term::Type::kCall;
    term.function = std::string(t.text);
    if (!IsKnownFunction(term.function)) {
      Semantic(absl::StrCat("Invalid function name; function: ",
                            term.function));
    }
    pos_ += 2;
    while (true) {
      TABLESTREAM_ASSIGN_OR_RETURN(Term arg, ParseTerm());
      term.args.push_back(std::move(arg));
      if (IsPunct(",")) {
        ++pos_;
        continue;
      }
      TABLESTREAM_RETURN_IF_ERROR(Expect(")"));
      break;
    }
    return term;
  }
  term.type = Term::Type::kPath;
  TABLESTREAM_ASSIGN_OR_RETURN(term.path, Path());
  return term;
}

bool Parser::CheckArgCount(const Term& call, size_t count) {
  if (call.args.size() == count) return true;
  Semantic(absl::StrCat(
      "Incorrect number of operands for operator or function; operator or "
      "function: ",
      call.function, ", number of operands: ", call.args.size()));
  return false;
}

// ---- Conditions ----

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
    static const char* const kTypes[] = {"S", "N",  "B",  "BOOL", "NULL",
                                         "M", "L", "SS", "NS",   "BS"};
    if (t.type() != AttributeType::kS) {
      Semantic(absl::StrCat(
          "Incorrect operand type for operator or function; operator or "
          "function: attribute_type, operand type: ",
          AttributeTypeName(t.type())));
    } else if (std::find(std::begin(kTypes), std::end(kTypes), t.scalar()) ==
               std::end(kTypes)) {
      Semantic(absl::StrCat(
          "Invalid attribute type name found; type: ", t.scalar(),
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
      {"=", CompareOp::kEq}, {"<>", CompareOp::kNe}, {"<", CompareOp::kLt},
      {"<=", CompareOp::kLe}, {">", CompareOp::kGt}, {">=", CompareOp::kGe}};
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
    return Condition::Between(std::move(x), std::move(lo_op),
                                           std::move(hi_op));
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

// ---- Updates ----

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
        "The function is not allowed in an update expression; function: ",
        f));
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
    if (t->type == Term::Type::kValue &&
        t->value.type() != AttributeType::kN) {
      Semantic(absl::StrCat(
          "Incorrect operand type for operator or function; operator or "
          "function: ",
          plus ? "+" : "-", ", operand type: ",
          AttributeTypeName(t->value.type())));
    }
  }
  ValueExpr a = ToValueExpr(std::move(left));
  ValueExpr b = ToValueExpr(std::move(right));
  return plus ? ValueExpr::Plus(std::move(a), std::move(b))
              : ValueExpr::Minus(std::move(a), std::move(b));
}

void Parser::CheckOverlaps(const std::vector<DocumentPath>& paths) {
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t j = i + 1; j < paths.size(); ++j) {
      const DocumentPath& a = paths[i];
      const DocumentPath& b = paths[j];
      const size_t n = std::min(a.size(), b.size());
      size_t k = 0;
      while (k < n && a[k] == b[k]) ++k;
      const char* problem = nullptr;
      if (k == n) {
        problem = "overlap";
      } else if (a[k].kind != b[k].kind) {
        problem = "conflict";
      }
      if (problem != nullptr) {
        Semantic(absl::StrCat(
            "Two document paths ", problem,
            " with each other; must remove or rewrite one of these paths; "
            "path one: ",
            PathForMessage(a), ", path two: ", PathForMessage(b)));
        return;
      }
    }
  }
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

absl::StatusOr<std::vector<DocumentPath>> Parser::WholeProjection() {
  if (AtEnd()) return Invalid("The expression can not be empty;");
  std::vector<DocumentPath> paths;
  while (true) {
    TABLESTREAM_ASSIGN_OR_RETURN(DocumentPath path, Path());
    paths.push_back(std::move(path));
    if (!IsPunct(",")) break;
    ++pos_;
  }
  if (!AtEnd()) return SyntaxError();
  CheckOverlaps(paths);
  TABLESTREAM_RETURN_IF_ERROR(Finish());
  return paths;
}

template <typename Result, typename Method>
absl::StatusOr<Result> Run(std::string_view text, std::string_view kind,
                           ExpressionAttributes* attributes, Method method) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::vector<ExpressionToken> tokens,
                               TokenizeExpression(text, kind));
  Parser parser(text, kind, std::move(tokens), attributes);
  return (parser.*method)();
}

}  // namespace

absl::StatusOr<Condition> ParseConditionExpression(
    std::string_view text, std::string_view kind,
    ExpressionAttributes* attributes) {
  return Run<Condition>(text, kind, attributes, &Parser::WholeCondition);
}

absl::StatusOr<std::vector<UpdateAction>> ParseUpdateExpression(
    std::string_view text, ExpressionAttributes* attributes) {
  return Run<std::vector<UpdateAction>>(text, "UpdateExpression", attributes,
                                        &Parser::WholeUpdate);
}

absl::StatusOr<std::vector<DocumentPath>> ParseProjectionExpression(
    std::string_view text, ExpressionAttributes* attributes) {
  return Run<std::vector<DocumentPath>>(text, "ProjectionExpression",
                                        attributes, &Parser::WholeProjection);
}

std::string PathForMessage(const DocumentPath& path) {
  std::vector<std::string> parts;
  for (const PathElement& e : path) {
    parts.push_back(e.kind == PathElement::Kind::kName
                        ? e.name
                        : absl::StrCat("[", e.index, "]"));
  }
  return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
}

}  // namespace tablestream
