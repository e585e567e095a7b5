// Copyright 2026 The tablestream Authors.

#include "triggers/mapping_json.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tablestream/errors.h"
#include "triggers/mapping_config.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

using api::Json;
using api::ObjectReader;

// The option members, shared by create, update and the stored form.
#define TABLESTREAM_MAPPING_OPTION_MEMBERS                                  \
  "BatchSize", "MaximumBatchingWindowInSeconds", "ParallelizationFactor",   \
      "FilterCriteria", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds", \
      "BisectBatchOnFunctionError", "FunctionResponseTypes",                 \
      "DestinationConfig", "TumblingWindowInSeconds", "Enabled"

// {"Filters":[...]} -> its JSON text ("" for an empty object).
absl::StatusOr<std::optional<std::string>> ReadFilterCriteria(
    const ObjectReader& r) {
  const Json* criteria = r.Find("FilterCriteria");
  if (criteria == nullptr) return std::optional<std::string>();
  if (!criteria->is_object()) {
    return api::NotAStructure(*criteria, r.PathOf("FilterCriteria"));
  }
  if (criteria->empty()) return std::optional<std::string>("");
  return std::optional<std::string>(criteria->dump());
}

absl::StatusOr<std::optional<std::string>> ReadDestination(
    const ObjectReader& r) {
  const Json* config = r.Find("DestinationConfig");
  if (config == nullptr) return std::optional<std::string>();
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader dc,
      ObjectReader::New(*config, "DestinationConfig",
                        r.PathOf("DestinationConfig"), {"OnFailure"},
                        {{"OnSuccess",
                          "OnSuccess is not supported for DynamoDB event "
                          "sources"}}));
  const Json* on_failure = dc.Find("OnFailure");
  if (on_failure == nullptr) return std::optional<std::string>("");
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader of, ObjectReader::New(*on_failure, "OnFailure",
                                         dc.PathOf("OnFailure"),
                                         {"Destination"}));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<std::string> destination,
                               of.OptionalString("Destination"));
  return std::optional<std::string>(destination.value_or(""));
}

absl::Status ReadOptions(const ObjectReader& r,
                         EventSourceMappingOptions* options) {
  TABLESTREAM_ASSIGN_OR_RETURN(options->batch_size,
                               r.OptionalInt("BatchSize"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      options->maximum_batching_window_in_seconds,
      r.OptionalInt("MaximumBatchingWindowInSeconds"));
  TABLESTREAM_ASSIGN_OR_RETURN(options->parallelization_factor,
                               r.OptionalInt("ParallelizationFactor"));
  TABLESTREAM_ASSIGN_OR_RETURN(options->filter_criteria,
                               ReadFilterCriteria(r));
  TABLESTREAM_ASSIGN_OR_RETURN(options->maximum_retry_attempts,
                               r.OptionalInt("MaximumRetryAttempts"));
  TABLESTREAM_ASSIGN_OR_RETURN(options->maximum_record_age_in_seconds,
                               r.OptionalInt("MaximumRecordAgeInSeconds"));
  TABLESTREAM_ASSIGN_OR_RETURN(options->bisect_batch_on_function_error,
                               r.OptionalBool("BisectBatchOnFunctionError"));
  if (r.Find("FunctionResponseTypes") != nullptr) {
    TABLESTREAM_ASSIGN_OR_RETURN(options->function_response_types,
                                 r.StringList("FunctionResponseTypes"));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(options->on_failure_destination,
                               ReadDestination(r));
  TABLESTREAM_ASSIGN_OR_RETURN(options->tumbling_window_in_seconds,
                               r.OptionalInt("TumblingWindowInSeconds"));
  TABLESTREAM_ASSIGN_OR_RETURN(options->enabled, r.OptionalBool("Enabled"));
  return absl::OkStatus();
}

// The members every rendering has.
Json ConfigurationJson(const EventSourceMapping& m) {
  Json json = Json::object();
  json["UUID"] = m.uuid;
  json["StartingPosition"] = m.starting_position;
  if (m.starting_position_timestamp) {
    json["StartingPositionTimestamp"] = *m.starting_position_timestamp;
  }
  json["BatchSize"] = m.batch_size;
  json["MaximumBatchingWindowInSeconds"] = m.maximum_batching_window_in_seconds;
  json["ParallelizationFactor"] = m.parallelization_factor;
  json["EventSourceArn"] = m.event_source_arn;
  if (!m.filter_criteria.empty()) {
    // Stored text was validated JSON; a parse failure cannot happen.
    auto criteria = api::ParseJson(m.filter_criteria);
    if (criteria.ok()) json["FilterCriteria"] = *criteria;
  }
  json["FunctionName"] = m.function_name;
  json["LastModified"] = m.last_modified;
  Json destination = Json::object();
  if (!m.on_failure_destination.empty()) {
    destination["OnFailure"] = {{"Destination", m.on_failure_destination}};
  }
  json["DestinationConfig"] = destination;
  json["MaximumRecordAgeInSeconds"] = m.maximum_record_age_in_seconds;
  json["BisectBatchOnFunctionError"] = m.bisect_batch_on_function_error;
  json["MaximumRetryAttempts"] = m.maximum_retry_attempts;
  json["TumblingWindowInSeconds"] = m.tumbling_window_in_seconds;
  json["FunctionResponseTypes"] = m.function_response_types;
  return json;
}

}  // namespace

absl::StatusOr<CreateEventSourceMappingRequest>
ParseCreateEventSourceMappingRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "CreateEventSourceMappingRequest", "",
                        {"EventSourceArn", "FunctionName", "StartingPosition",
                         "StartingPositionTimestamp",
                         TABLESTREAM_MAPPING_OPTION_MEMBERS}));
  CreateEventSourceMappingRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.event_source_arn,
                               r.RequiredString("EventSourceArn"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.function_name,
                               r.RequiredString("FunctionName"));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<std::string> position,
                               r.OptionalString("StartingPosition"));
  request.starting_position = position.value_or("");
  TABLESTREAM_ASSIGN_OR_RETURN(request.starting_position_timestamp,
                               r.OptionalDouble("StartingPositionTimestamp"));
  TABLESTREAM_RETURN_IF_ERROR(ReadOptions(r, &request.options));
  return request;
}

absl::StatusOr<UpdateEventSourceMappingRequest>
ParseUpdateEventSourceMappingRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "UpdateEventSourceMappingRequest", "",
                        {"UUID", "FunctionName",
                         TABLESTREAM_MAPPING_OPTION_MEMBERS}));
  UpdateEventSourceMappingRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.uuid, r.RequiredString("UUID"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.function_name,
                               r.OptionalString("FunctionName"));
  TABLESTREAM_RETURN_IF_ERROR(ReadOptions(r, &request.options));
  return request;
}

absl::StatusOr<ListEventSourceMappingsRequest>
ParseListEventSourceMappingsRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "ListEventSourceMappingsRequest", "",
                        {"EventSourceArn", "FunctionName"}));
  ListEventSourceMappingsRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.event_source_arn,
                               r.OptionalString("EventSourceArn"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.function_name,
                               r.OptionalString("FunctionName"));
  return request;
}

absl::StatusOr<std::string> ParseMappingUuidRequest(const Json& json,
                                                    std::string_view shape) {
  TABLESTREAM_ASSIGN_OR_RETURN(ObjectReader r,
                               ObjectReader::New(json, shape, "", {"UUID"}));
  return r.RequiredString("UUID");
}

std::string FunctionArn(const EventSourceMapping& m) {
  // arn:aws:dynamodb:<region>:<account>:table/...
  std::vector<std::string> parts = absl::StrSplit(m.event_source_arn, ':');
  std::string region = parts.size() > 4 ? parts[3] : "";
  std::string account = parts.size() > 4 ? parts[4] : "";
  return absl::StrCat("arn:aws:lambda:", region, ":", account, ":function:",
                      m.function_name);
}

Json MappingToJson(const EventSourceMapping& m) {
  Json json = ConfigurationJson(m);
  json["FunctionArn"] = FunctionArn(m);
  json["LastProcessingResult"] = m.last_processing_result;
  json["State"] = m.state;
  json["StateTransitionReason"] = m.state_transition_reason;
  const EventSourceMappingMetrics& x = m.metrics;
  json["Metrics"] = {{"IteratorAge", x.iterator_age_millis},
                     {"Invocations", x.invocations},
                     {"Errors", x.errors},
                     {"Retries", x.retries},
                     {"RecordsDelivered", x.records_delivered},
                     {"RecordsFiltered", x.records_filtered},
                     {"RecordsGivenUp", x.records_given_up},
                     {"OnFailureDestinationRecords",
                      x.records_sent_to_destination}};
  return json;
}

Json ListMappingsResponse(const std::vector<EventSourceMapping>& mappings) {
  Json list = Json::array();
  for (const EventSourceMapping& m : mappings) list.push_back(MappingToJson(m));
  return Json{{"EventSourceMappings", std::move(list)}};
}

Json MappingToStoredJson(const EventSourceMapping& m) {
  Json json = ConfigurationJson(m);
  json["Enabled"] = m.enabled;
  return json;
}

absl::StatusOr<EventSourceMapping> MappingFromStoredJson(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "StoredEventSourceMapping", "",
                        {"UUID", "EventSourceArn", "FunctionName",
                         "StartingPosition", "StartingPositionTimestamp",
                         "LastModified", TABLESTREAM_MAPPING_OPTION_MEMBERS}));
  CreateEventSourceMappingRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.event_source_arn,
                               r.RequiredString("EventSourceArn"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.function_name,
                               r.RequiredString("FunctionName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.starting_position,
                               r.RequiredString("StartingPosition"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.starting_position_timestamp,
                               r.OptionalDouble("StartingPositionTimestamp"));
  TABLESTREAM_RETURN_IF_ERROR(ReadOptions(r, &request.options));
  TABLESTREAM_ASSIGN_OR_RETURN(EventSourceMapping mapping,
                               MappingFromCreateRequest(request));
  TABLESTREAM_ASSIGN_OR_RETURN(mapping.uuid, r.RequiredString("UUID"));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<double> modified,
                               r.OptionalDouble("LastModified"));
  mapping.last_modified = modified.value_or(0);
  return mapping;
}

}  // namespace triggers
}  // namespace tablestream
