// Copyright 2026 The tablestream Authors.
//
// The compiled form of an EventPattern (see event_pattern.h), shared by its
// compiler (event_pattern_compile.cc) and its matcher (event_pattern.cc).
// Internal to triggers/.

#ifndef TABLESTREAM_TRIGGERS_EVENT_PATTERN_NODE_H_
#define TABLESTREAM_TRIGGERS_EVENT_PATTERN_NODE_H_

#include <cmath>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "triggers/event_pattern.h"

namespace tablestream {
namespace triggers {
namespace event_pattern_internal {

struct Matcher {
  enum class Kind {
    kLiteral,           // values[0]
    kPrefix,            // text
    kSuffix,            // text
    kEqualsIgnoreCase,  // text, lower-cased
    kAnythingBut,       // values
    kAnythingButPrefix,
    kAnythingButSuffix,
    kAnythingButIgnoreCase,  // lowered
    kExists,                 // exists
    kNumeric,                // lower/upper bounds
  };
  Kind kind = Kind::kLiteral;
  std::vector<api::Json> values;
  std::string text;
  std::vector<std::string> lowered;
  bool exists = true;
  // kNumeric: value must be > (or >= when inclusive) lower, < (<=) upper.
  double lower = -INFINITY;
  bool lower_inclusive = false;
  double upper = INFINITY;
  bool upper_inclusive = false;
};

struct Field {
  std::string name;
  std::vector<Matcher> matchers;           // a leaf: any of these
  std::vector<EventPattern::Node> nested;  // or one object (size 1)
};

// InvalidParameterValueException about the pattern field at `path` ("" for
// the whole pattern).
absl::Status PatternError(absl::string_view path, absl::string_view what);

inline bool IsLeafValue(const api::Json& v) {
  return v.is_string() || v.is_number() || v.is_boolean() || v.is_null();
}

// Compiles one pattern object found at `path`.
absl::StatusOr<EventPattern::Node> CompileObject(const api::Json& object,
                                                 const std::string& path);

}  // namespace event_pattern_internal

struct EventPattern::Node {
  std::vector<event_pattern_internal::Field> fields;
  std::vector<std::vector<Node>> or_groups;  // each "$or": any alternative
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_EVENT_PATTERN_NODE_H_
