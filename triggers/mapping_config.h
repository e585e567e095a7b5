// Copyright 2026 The tablestream Authors.
//
// Validation of event source mapping options, with Lambda's ranges, defaults
// and exception names (InvalidParameterValueException), and the application
// of Create/Update requests to a stored EventSourceMapping. Nothing here
// touches the engine (the runtime checks the stream and the destination).
// Pure functions: thread-safe.

#ifndef TABLESTREAM_TRIGGERS_MAPPING_CONFIG_H_
#define TABLESTREAM_TRIGGERS_MAPPING_CONFIG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/triggers.h"

namespace tablestream {
namespace triggers {

inline constexpr char kReportBatchItemFailures[] = "ReportBatchItemFailures";

// A mapping with Lambda's defaults from a create request; uuid and
// last_modified are left to the caller.
absl::StatusOr<EventSourceMapping> MappingFromCreateRequest(
    const CreateEventSourceMappingRequest& request);

// Applies the set members of `request` to `mapping` (all or nothing).
absl::Status ApplyUpdateRequest(const UpdateEventSourceMappingRequest& request,
                                EventSourceMapping* mapping);

// True if the mapping reports batch item failures.
bool ReportsBatchItemFailures(const EventSourceMapping& mapping);

// "arn:aws:dynamodb:<region>:<account>:table/<name>" or a plain name -> the
// table name; InvalidParameterValueException otherwise.
absl::StatusOr<std::string> DestinationTableName(
    const std::string& destination);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_MAPPING_CONFIG_H_
