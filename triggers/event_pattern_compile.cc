// Copyright 2026 The tablestream Authors.
//
// Compiling an event pattern's JSON into EventPattern::Node, with an error
// that names the bad part.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "triggers/event_pattern_node.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace event_pattern_internal {
namespace {

// event-ruler's numeric range.
constexpr double kNumericLimit = 5.0e9;

std::string Join(absl::string_view path, absl::string_view name) {
  return path.empty() ? std::string(name) : absl::StrCat(path, ".", name);
}

absl::StatusOr<std::string> StringOperand(const api::Json& v,
                                          absl::string_view path,
                                          absl::string_view op) {
  if (!v.is_string()) {
    return PatternError(path, absl::StrCat("has \"", op, "\" with ", v.dump(),
                                           "; it takes a string"));
  }
  return v.get<std::string>();
}

absl::Status CompileAnythingBut(const api::Json& v, const std::string& path,
                                Matcher& m) {
  if (v.is_object()) {
    if (v.size() != 1) {
      return PatternError(path,
                          "has an \"anything-but\" object that is not "
                          "exactly one of prefix, suffix or "
                          "equals-ignore-case");
    }
    const std::string& op = v.begin().key();
    const api::Json& operand = v.begin().value();
    if (op == "prefix" || op == "suffix") {
      TABLESTREAM_ASSIGN_OR_RETURN(m.text, StringOperand(operand, path, op));
      m.kind = op == "prefix" ? Matcher::Kind::kAnythingButPrefix
                              : Matcher::Kind::kAnythingButSuffix;
      return absl::OkStatus();
    }
    if (op == "equals-ignore-case") {
      m.kind = Matcher::Kind::kAnythingButIgnoreCase;
      std::vector<api::Json> items =
          operand.is_array()
              ? std::vector<api::Json>(operand.begin(), operand.end())
              : std::vector<api::Json>{operand};
      if (items.empty()) {
        return PatternError(path, "has an empty \"anything-but\" list");
      }
      for (const api::Json& item : items) {
        TABLESTREAM_ASSIGN_OR_RETURN(std::string s,
                                     StringOperand(item, path, op));
        m.lowered.push_back(absl::AsciiStrToLower(s));
      }
      return absl::OkStatus();
    }
    return PatternError(path, absl::StrCat("has \"anything-but\" with "
                                           "unknown operator \"",
                                           op, "\""));
  }
  m.kind = Matcher::Kind::kAnythingBut;
  if (v.is_array()) {
    if (v.empty()) {
      return PatternError(path, "has an empty \"anything-but\" list");
    }
    for (const api::Json& item : v) {
      if (!item.is_string() && !item.is_number()) {
        return PatternError(
            path, absl::StrCat("has \"anything-but\" value ", item.dump(),
                               "; values are strings or "
                               "numbers"));
      }
      m.values.push_back(item);
    }
    return absl::OkStatus();
  }
  if (!v.is_string() && !v.is_number()) {
    return PatternError(path,
                        absl::StrCat("has \"anything-but\" value ", v.dump(),
                                     "; values are strings or numbers"));
  }
  m.values.push_back(v);
  return absl::OkStatus();
}

absl::StatusOr<double> NumericOperand(const api::Json& v,
                                      const std::string& path) {
  if (!v.is_number()) {
    return PatternError(path, absl::StrCat("has \"numeric\" operand ", v.dump(),
                                           "; it must be a number"));
  }
  double d = v.get<double>();
  if (!(d >= -kNumericLimit && d <= kNumericLimit)) {
    return PatternError(path, absl::StrCat("has \"numeric\" operand ", v.dump(),
                                           "; the range is -5e9 to 5e9"));
  }
  return d;
}

absl::Status CompileNumeric(const api::Json& v, const std::string& path,
                            Matcher& m) {
  m.kind = Matcher::Kind::kNumeric;
  const auto bad = [&] {
    return PatternError(
        path, absl::StrCat("has \"numeric\" ", v.dump(),
                           "; expected [op, n] or [\">\"|\">=\", n, "
                           "\"<\"|\"<=\", n] with op one of =, <, <=, >, >="));
  };
  if (!v.is_array() || (v.size() != 2 && v.size() != 4)) return bad();
  bool have_lower = false;
  bool have_upper = false;
  for (size_t i = 0; i < v.size(); i += 2) {
    if (!v[i].is_string()) return bad();
    const std::string op = v[i].get<std::string>();
    TABLESTREAM_ASSIGN_OR_RETURN(double n, NumericOperand(v[i + 1], path));
    if (op == "=") {
      if (v.size() != 2) return bad();
      m.lower = m.upper = n;
      m.lower_inclusive = m.upper_inclusive = true;
      have_lower = have_upper = true;
    } else if ((op == ">" || op == ">=") && !have_lower && !have_upper) {
      m.lower = n;
      m.lower_inclusive = op == ">=";
      have_lower = true;
    } else if ((op == "<" || op == "<=") && !have_upper) {
      m.upper = n;
      m.upper_inclusive = op == "<=";
      have_upper = true;
    } else {
      return bad();
    }
  }
  if (have_lower && have_upper && m.lower > m.upper) {
    return PatternError(
        path, absl::StrCat("has \"numeric\" ", v.dump(), ", an empty range"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Matcher> CompileOperator(const api::Json& object,
                                        const std::string& path) {
  Matcher m;
  if (object.size() != 1) {
    return PatternError(path, absl::StrCat("has matcher ", object.dump(),
                                           "; a matcher object holds "
                                           "exactly one operator"));
  }
  const std::string& op = object.begin().key();
  const api::Json& v = object.begin().value();
  if (op == "prefix" || op == "suffix") {
    TABLESTREAM_ASSIGN_OR_RETURN(m.text, StringOperand(v, path, op));
    m.kind = op == "prefix" ? Matcher::Kind::kPrefix : Matcher::Kind::kSuffix;
  } else if (op == "equals-ignore-case") {
    TABLESTREAM_ASSIGN_OR_RETURN(m.text, StringOperand(v, path, op));
    m.text = absl::AsciiStrToLower(m.text);
    m.kind = Matcher::Kind::kEqualsIgnoreCase;
  } else if (op == "anything-but") {
    TABLESTREAM_RETURN_IF_ERROR(CompileAnythingBut(v, path, m));
  } else if (op == "exists") {
    if (!v.is_boolean()) {
      return PatternError(path, absl::StrCat("has \"exists\" with ", v.dump(),
                                             "; it takes true or false"));
    }
    m.kind = Matcher::Kind::kExists;
    m.exists = v.get<bool>();
  } else if (op == "numeric") {
    TABLESTREAM_RETURN_IF_ERROR(CompileNumeric(v, path, m));
  } else {
    return PatternError(
        path, absl::StrCat("has unknown operator \"", op,
                           "\"; the operators are prefix, suffix, "
                           "equals-ignore-case, anything-but, exists and "
                           "numeric"));
  }
  return m;
}

absl::StatusOr<std::vector<Matcher>> CompileLeaf(const api::Json& list,
                                                 const std::string& path) {
  if (list.empty()) {
    return PatternError(path,
                        "has an empty list; it must hold at least one "
                        "value or matcher");
  }
  std::vector<Matcher> matchers;
  for (const api::Json& item : list) {
    if (item.is_object()) {
      TABLESTREAM_ASSIGN_OR_RETURN(Matcher m, CompileOperator(item, path));
      matchers.push_back(std::move(m));
    } else if (IsLeafValue(item)) {
      Matcher m;
      m.values.push_back(item);
      matchers.push_back(std::move(m));
    } else {
      return PatternError(path, absl::StrCat("has ", item.dump(),
                                             " in its list; values are "
                                             "strings, numbers, booleans, "
                                             "null or matcher objects"));
    }
  }
  return matchers;
}

absl::StatusOr<std::vector<EventPattern::Node>> CompileOr(
    const api::Json& list, const std::string& path) {
  if (!list.is_array() || list.size() < 2) {
    return PatternError(path,
                        "must be a list of at least two pattern "
                        "objects");
  }
  std::vector<EventPattern::Node> alternatives;
  for (const api::Json& alternative : list) {
    if (!alternative.is_object()) {
      return PatternError(path, absl::StrCat("has ", alternative.dump(),
                                             "; its alternatives are "
                                             "pattern objects"));
    }
    TABLESTREAM_ASSIGN_OR_RETURN(EventPattern::Node node,
                                 CompileObject(alternative, path));
    alternatives.push_back(std::move(node));
  }
  return alternatives;
}

}  // namespace

absl::StatusOr<EventPattern::Node> CompileObject(const api::Json& object,
                                                 const std::string& path) {
  if (object.empty()) {
    return PatternError(path, "is an empty object; it must name a field");
  }
  EventPattern::Node node;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string field_path = Join(path, it.key());
    if (it.key() == "$or") {
      TABLESTREAM_ASSIGN_OR_RETURN(std::vector<EventPattern::Node> group,
                                   CompileOr(it.value(), field_path));
      node.or_groups.push_back(std::move(group));
      continue;
    }
    Field field;
    field.name = it.key();
    if (it.value().is_object()) {
      TABLESTREAM_ASSIGN_OR_RETURN(EventPattern::Node child,
                                   CompileObject(it.value(), field_path));
      field.nested.push_back(std::move(child));
    } else if (it.value().is_array()) {
      TABLESTREAM_ASSIGN_OR_RETURN(field.matchers,
                                   CompileLeaf(it.value(), field_path));
    } else {
      return PatternError(field_path,
                          absl::StrCat("is ", it.value().dump(),
                                       "; a pattern field holds a list of "
                                       "values or a nested object"));
    }
    node.fields.push_back(std::move(field));
  }
  return node;
}

absl::Status PatternError(absl::string_view path, absl::string_view what) {
  return MakeError(kInvalidParameterValueException,
                   absl::StrCat("Invalid filter pattern definition: ",
                                path.empty() ? "the pattern" : "\"", path,
                                path.empty() ? "" : "\"", " ", what));
}

}  // namespace event_pattern_internal
}  // namespace triggers
}  // namespace tablestream
