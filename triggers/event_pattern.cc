// Copyright 2026 The tablestream Authors.

#include "triggers/event_pattern.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "triggers/event_pattern_node.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

using event_pattern_internal::Field;
using event_pattern_internal::IsLeafValue;
using event_pattern_internal::Matcher;
using event_pattern_internal::PatternError;

// Numbers are equal with the same text (event-ruler compares 300 and 300.0
// as different values).
bool SameLeaf(const api::Json& a, const api::Json& b) {
  if (a.is_number() && b.is_number()) return a.dump() == b.dump();
  return a == b;
}

void CollectLeaves(const api::Json& v, std::vector<const api::Json*>& out) {
  if (v.is_array()) {
    for (const api::Json& e : v) CollectLeaves(e, out);
  } else if (IsLeafValue(v)) {
    out.push_back(&v);
  }
}

bool InSet(const std::vector<api::Json>& set, const api::Json& v) {
  for (const api::Json& s : set) {
    if (SameLeaf(s, v)) return true;
  }
  return false;
}

bool LeafMatches(const Matcher& m, const api::Json& v) {
  const bool is_string = v.is_string();
  const std::string* s = is_string ? &v.get_ref<const std::string&>() : nullptr;
  switch (m.kind) {
    case Matcher::Kind::kLiteral:
      return SameLeaf(m.values[0], v);
    case Matcher::Kind::kPrefix:
      return is_string && absl::StartsWith(*s, m.text);
    case Matcher::Kind::kSuffix:
      return is_string && absl::EndsWith(*s, m.text);
    case Matcher::Kind::kEqualsIgnoreCase:
      return is_string && absl::AsciiStrToLower(*s) == m.text;
    case Matcher::Kind::kAnythingBut:
      return !InSet(m.values, v);
    case Matcher::Kind::kAnythingButPrefix:
      return !is_string || !absl::StartsWith(*s, m.text);
    case Matcher::Kind::kAnythingButSuffix:
      return !is_string || !absl::EndsWith(*s, m.text);
    case Matcher::Kind::kAnythingButIgnoreCase: {
      if (!is_string) return true;
      const std::string lower = absl::AsciiStrToLower(*s);
      for (const std::string& l : m.lowered) {
        if (l == lower) return false;
      }
      return true;
    }
    case Matcher::Kind::kExists:
      return m.exists;
    case Matcher::Kind::kNumeric: {
      if (!v.is_number()) return false;
      const double d = v.get<double>();
      const bool above = m.lower_inclusive ? d >= m.lower : d > m.lower;
      const bool below = m.upper_inclusive ? d <= m.upper : d < m.upper;
      return above && below;
    }
  }
  return false;
}

bool FieldMatches(const std::vector<Matcher>& matchers,
                  const api::Json* value) {
  std::vector<const api::Json*> leaves;
  if (value != nullptr) CollectLeaves(*value, leaves);
  for (const Matcher& m : matchers) {
    if (m.kind == Matcher::Kind::kExists && !m.exists) {
      if (leaves.empty()) return true;
      continue;
    }
    for (const api::Json* leaf : leaves) {
      if (LeafMatches(m, *leaf)) return true;
    }
  }
  return false;
}

bool NodeMatches(const EventPattern::Node& node, const api::Json* event);

// `event` is not an array here.
bool NodeMatchesOne(const EventPattern::Node& node, const api::Json* event) {
  const bool is_object = event != nullptr && event->is_object();
  for (const Field& field : node.fields) {
    const api::Json* child = nullptr;
    if (is_object) {
      auto it = event->find(field.name);
      if (it != event->end()) child = &*it;
    }
    const bool ok = field.nested.empty() ? FieldMatches(field.matchers, child)
                                         : NodeMatches(field.nested[0], child);
    if (!ok) return false;
  }
  for (const std::vector<EventPattern::Node>& group : node.or_groups) {
    bool any = false;
    for (const EventPattern::Node& alternative : group) {
      if (NodeMatchesOne(alternative, event)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

// Fields of one pattern object must match within one array element.
bool NodeMatches(const EventPattern::Node& node, const api::Json* event) {
  if (event == nullptr || !event->is_array() || event->empty()) {
    return NodeMatchesOne(
        node, event != nullptr && event->is_array() ? nullptr : event);
  }
  for (const api::Json& element : *event) {
    if (NodeMatches(node, &element)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<EventPattern> EventPattern::Parse(std::string_view pattern) {
  api::Json parsed = api::Json::parse(pattern, nullptr,
                                      /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return PatternError("", "is not valid JSON");
  }
  if (!parsed.is_object()) {
    return PatternError("", absl::StrCat("is a JSON ", parsed.type_name(),
                                         "; it must be a JSON object"));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      Node root, event_pattern_internal::CompileObject(parsed, ""));
  return EventPattern(std::make_shared<const Node>(std::move(root)));
}

bool EventPattern::Matches(const api::Json& event) const {
  return NodeMatches(*root_, &event);
}

}  // namespace triggers
}  // namespace tablestream
