// Copyright 2026 The tablestream Authors.
//
// FilterCriteria: Lambda's event filtering for DynamoDB event source
// mappings (EventBridge pattern syntax, as aws/event-ruler matches it).
//
// A criteria is {"Filters":[{"Pattern":"<JSON object as a string>"}, ...]};
// filters are ORed, and a record is delivered if any filter matches its
// Lambda event record (see lambda_event.h). A record no filter matches is
// consumed without being delivered. Empty criteria match every record.
//
// Operators: exact strings/numbers/booleans/null, "" (empty), several values
// (OR), "$or", prefix, suffix, equals-ignore-case, anything-but (values or
// {"prefix": ...}), exists true/false (leaf nodes only), numeric ranges
// (which, as in Lambda, only match JSON numbers: DynamoDB attribute values
// are strings in the record, so {"N": [{"numeric": ...}]} never matches).
//
// A FilterCriteria is immutable after Parse: thread-safe.

#ifndef TABLESTREAM_TRIGGERS_FILTER_CRITERIA_H_
#define TABLESTREAM_TRIGGERS_FILTER_CRITERIA_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "api/json_reader.h"  // api::Json

namespace tablestream {
namespace triggers {

class FilterCriteria {
 public:
  // Parses and validates {"Filters":[{"Pattern":"..."}]} (at most 5 filters,
  // each pattern at most 4096 characters and a JSON object). Errors are
  // InvalidParameterValueException with Lambda's wording where known.
  static absl::StatusOr<FilterCriteria> Parse(const api::Json& criteria);

  // Criteria that match everything (no filters).
  FilterCriteria();

  // True if any filter matches `event_record`, one record of a Lambda event
  // in the shape LambdaEventRecord makes.
  bool Matches(const api::Json& event_record) const;

  bool empty() const;

  // The criteria as given to Parse, for storage and GetEventSourceMapping.
  const api::Json& ToJson() const;

 private:
  struct Compiled;
  explicit FilterCriteria(std::shared_ptr<const Compiled> compiled)
      : compiled_(std::move(compiled)) {}

  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_FILTER_CRITERIA_H_
