// Copyright 2026 The tablestream Authors.
//
// EventPattern: one EventBridge event pattern (the "Pattern" of one filter in
// a FilterCriteria), compiled once and matched against JSON events the way
// aws/event-ruler matches them:
//
// - An object in the pattern descends into the event; all its fields must
//   match (AND). "$or": [{...}, {...}] matches if any alternative does.
// - A field's value is a list of matchers, and the field matches if any of
//   them matches any value the event has at that path.
// - Arrays in the event are transparent: a path through an array has every
//   element's value, so a list matches when the two intersect. Fields under
//   one pattern object must all match within the same array element.
// - Only leaves (strings, numbers, booleans, null) are values: an object or
//   an empty list at a path counts as absent, so {"exists": true} never
//   matches it and {"exists": false} does.
// - Matchers: a literal (string, number, boolean, null; numbers equal only
//   with the same text, so 300 and 300.0 differ), {"prefix": s},
//   {"suffix": s}, {"equals-ignore-case": s} (ASCII case folding),
//   {"anything-but": v | [v, ...] | {"prefix"|"suffix"|"equals-ignore-case":
//   ...}} (matches a present value outside the set), {"exists": bool} and
//   {"numeric": [op, n, ...]} (=, <, <=, >, >=; one comparison, "=", or a
//   lower bound then an upper bound; numbers within +-5e9). Numeric matchers
//   only ever match JSON numbers.
// - Duplicate keys in the pattern: the last one wins.
//
// Parse errors are InvalidParameterValueException naming the bad part.
// Immutable after Parse: thread-safe.

#ifndef TABLESTREAM_TRIGGERS_EVENT_PATTERN_H_
#define TABLESTREAM_TRIGGERS_EVENT_PATTERN_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "api/json_reader.h"  // api::Json

namespace tablestream {
namespace triggers {

class EventPattern {
 public:
  // Compiles `pattern`, the text of a JSON object.
  static absl::StatusOr<EventPattern> Parse(std::string_view pattern);

  bool Matches(const api::Json& event) const;

  struct Node;  // public so the matcher's helpers can name it

 private:
  explicit EventPattern(std::shared_ptr<const Node> root)
      : root_(std::move(root)) {}

  std::shared_ptr<const Node> root_;
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_EVENT_PATTERN_H_
