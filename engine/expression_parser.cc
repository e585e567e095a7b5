// Copyright 2026 The tablestream Authors.
//
// Tokens, paths, terms and projections, and the entry points; conditions are
// in expression_condition.cc, updates in expression_update.cc.

#include "engine/expression_parser.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "engine/expression_parser_internal.h"
#include "engine/reserved_words.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace expression_internal {

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
        Semantic(
            absl::StrCat("List index is too large; index: ", AsAbsl(digits)));
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
      Semantic(
          absl::StrCat("Invalid function name; function: ", term.function));
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

}  // namespace expression_internal

namespace {

using expression_internal::Parser;

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
