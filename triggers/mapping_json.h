// Copyright 2026 The tablestream Authors.
//
// JSON of the event source mapping operations, in Lambda's shapes:
//   CreateEventSourceMapping {"EventSourceArn", "FunctionName",
//     "StartingPosition", "StartingPositionTimestamp", "BatchSize",
//     "MaximumBatchingWindowInSeconds", "ParallelizationFactor",
//     "FilterCriteria": {"Filters": [{"Pattern": "..."}]},
//     "MaximumRetryAttempts", "MaximumRecordAgeInSeconds",
//     "BisectBatchOnFunctionError", "FunctionResponseTypes",
//     "DestinationConfig": {"OnFailure": {"Destination": "..."}},
//     "TumblingWindowInSeconds", "Enabled"}
//   UpdateEventSourceMapping {"UUID", "FunctionName", options as above}
//   Get-/DeleteEventSourceMapping {"UUID"}
//   ListEventSourceMappings {"EventSourceArn"?, "FunctionName"?}
// A mapping renders as Lambda's EventSourceMappingConfiguration ("UUID",
// "FunctionArn", "LastModified", "LastProcessingResult", "State",
// "StateTransitionReason", ...) plus "FunctionName" and tablestream's
// "Metrics" (IteratorAge and the counters of EventSourceMappingMetrics).
// Pure functions: thread-safe.

#ifndef TABLESTREAM_TRIGGERS_MAPPING_JSON_H_
#define TABLESTREAM_TRIGGERS_MAPPING_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/triggers.h"

namespace tablestream {
namespace triggers {

absl::StatusOr<CreateEventSourceMappingRequest>
ParseCreateEventSourceMappingRequest(const api::Json& json);
absl::StatusOr<UpdateEventSourceMappingRequest>
ParseUpdateEventSourceMappingRequest(const api::Json& json);
absl::StatusOr<ListEventSourceMappingsRequest>
ParseListEventSourceMappingsRequest(const api::Json& json);
// Get- and DeleteEventSourceMapping: the UUID.
absl::StatusOr<std::string> ParseMappingUuidRequest(const api::Json& json,
                                                    std::string_view shape);

// FunctionArn takes the region and account of the EventSourceArn.
api::Json MappingToJson(const EventSourceMapping& mapping);
// {"EventSourceMappings": [...]}
api::Json ListMappingsResponse(const std::vector<EventSourceMapping>& mappings);

// arn:aws:lambda:<region>:<account>:function:<name>, with the region and
// account of `mapping`'s stream ARN.
std::string FunctionArn(const EventSourceMapping& mapping);

// The stored form (every option, no metrics) and back.
api::Json MappingToStoredJson(const EventSourceMapping& mapping);
absl::StatusOr<EventSourceMapping> MappingFromStoredJson(
    const api::Json& json);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_MAPPING_JSON_H_
