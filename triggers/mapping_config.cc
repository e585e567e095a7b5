// Copyright 2026 The tablestream Authors.

#include "triggers/mapping_config.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/json_reader.h"
#include "tablestream/errors.h"
#include "triggers/external_function.h"
#include "triggers/filter_criteria.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

absl::Status InvalidParameter(std::string_view message) {
  return MakeError(kInvalidParameterValueException, message);
}

absl::Status CheckRange(const std::optional<int>& value, const char* name,
                        int min, int max) {
  if (!value.has_value() || (*value >= min && *value <= max)) {
    return absl::OkStatus();
  }
  return InvalidParameter(absl::StrCat(name, " is ", *value,
                                       "; it must be between ", min, " and ",
                                       max, " (inclusive)"));
}

absl::Status CheckFunctionName(const std::string& name) {
  if (name.empty() || name.size() > 256) {
    return InvalidParameter(
        "FunctionName must be 1 to 256 characters: a registered C++ handler, "
        "exec:<command line> or python:<file.py>:<function>");
  }
  return absl::OkStatus();
}

// Validates every set option; leaves `mapping` alone.
absl::Status ValidateOptions(const EventSourceMappingOptions& options) {
  TABLESTREAM_RETURN_IF_ERROR(
      CheckRange(options.batch_size, "BatchSize", 1, 10000));
  TABLESTREAM_RETURN_IF_ERROR(
      CheckRange(options.maximum_batching_window_in_seconds,
                 "MaximumBatchingWindowInSeconds", 0, 300));
  TABLESTREAM_RETURN_IF_ERROR(CheckRange(options.parallelization_factor,
                                         "ParallelizationFactor", 1, 10));
  TABLESTREAM_RETURN_IF_ERROR(CheckRange(options.maximum_retry_attempts,
                                         "MaximumRetryAttempts", -1, 10000));
  TABLESTREAM_RETURN_IF_ERROR(CheckRange(options.tumbling_window_in_seconds,
                                         "TumblingWindowInSeconds", 0, 900));
  if (options.maximum_record_age_in_seconds.has_value()) {
    int age = *options.maximum_record_age_in_seconds;
    if (age != -1 && (age < 60 || age > 604800)) {
      return InvalidParameter(absl::StrCat(
          "MaximumRecordAgeInSeconds must be either -1 (forever) or between "
          "60 and 604800 (inclusive); it is ",
          age));
    }
  }
  if (options.function_response_types.has_value()) {
    const auto& types = *options.function_response_types;
    if (types.size() > 1 ||
        (types.size() == 1 && types[0] != kReportBatchItemFailures)) {
      return InvalidParameter(absl::StrCat(
          "FunctionResponseTypes [", absl::StrJoin(types, ", "),
          "] is not valid; it must be [] or [\"ReportBatchItemFailures\"]"));
    }
  }
  if (options.filter_criteria.has_value() &&
      !options.filter_criteria->empty()) {
    auto json = api::ParseJson(*options.filter_criteria);
    if (!json.ok()) {
      return InvalidParameter(absl::StrCat("FilterCriteria is not valid JSON: ",
                                           ErrorMessage(json.status())));
    }
    TABLESTREAM_RETURN_IF_ERROR(FilterCriteria::Parse(*json).status());
  }
  if (options.on_failure_destination.has_value() &&
      !options.on_failure_destination->empty()) {
    TABLESTREAM_RETURN_IF_ERROR(
        DestinationTableName(*options.on_failure_destination).status());
  }
  return absl::OkStatus();
}

// Sets the members of `mapping` that `options` sets. REQUIRES: validated.
void ApplyOptions(const EventSourceMappingOptions& options,
                  EventSourceMapping* mapping) {
  auto set = [](const auto& from, auto* to) {
    if (from.has_value()) *to = *from;
  };
  set(options.batch_size, &mapping->batch_size);
  set(options.maximum_batching_window_in_seconds,
      &mapping->maximum_batching_window_in_seconds);
  set(options.parallelization_factor, &mapping->parallelization_factor);
  set(options.maximum_retry_attempts, &mapping->maximum_retry_attempts);
  set(options.maximum_record_age_in_seconds,
      &mapping->maximum_record_age_in_seconds);
  set(options.bisect_batch_on_function_error,
      &mapping->bisect_batch_on_function_error);
  set(options.function_response_types, &mapping->function_response_types);
  set(options.tumbling_window_in_seconds,
      &mapping->tumbling_window_in_seconds);
  set(options.enabled, &mapping->enabled);
  if (options.filter_criteria.has_value()) {
    const std::string& f = *options.filter_criteria;
    mapping->filter_criteria = (f == "{}") ? "" : f;
  }
  if (options.on_failure_destination.has_value()) {
    // Validated: cannot fail.
    mapping->on_failure_destination =
        options.on_failure_destination->empty()
            ? ""
            : *DestinationTableName(*options.on_failure_destination);
  }
  mapping->state = mapping->enabled ? "Enabled" : "Disabled";
}

}  // namespace

absl::StatusOr<std::string> DestinationTableName(
    const std::string& destination) {
  std::string name = destination;
  constexpr std::string_view kArnPrefix = "arn:aws:dynamodb:";
  if (destination.compare(0, kArnPrefix.size(), kArnPrefix) == 0) {
    size_t table = destination.find(":table/");
    if (table == std::string::npos) {
      return InvalidParameter(absl::StrCat(
          "DestinationConfig.OnFailure.Destination ", destination,
          " is not a table ARN (arn:aws:dynamodb:<region>:<account>:table/"
          "<name>)"));
    }
    name = destination.substr(table + 7);
  }
  bool valid = name.size() >= 3 && name.size() <= 255 &&
               std::all_of(name.begin(), name.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) ||
                        c == '_' || c == '.' || c == '-';
               });
  if (!valid) {
    return InvalidParameter(absl::StrCat(
        "DestinationConfig.OnFailure.Destination ", destination,
        " must name a table of this engine (3 to 255 characters of "
        "[a-zA-Z0-9_.-]) or be its ARN; SQS, SNS and S3 are not available"));
  }
  return name;
}

absl::StatusOr<EventSourceMapping> MappingFromCreateRequest(
    const CreateEventSourceMappingRequest& request) {
  if (request.event_source_arn.empty()) {
    return InvalidParameter("EventSourceArn is required");
  }
  TABLESTREAM_RETURN_IF_ERROR(CheckFunctionName(request.function_name));
  const std::string& position = request.starting_position;
  if (position != "TRIM_HORIZON" && position != "LATEST" &&
      position != "AT_TIMESTAMP") {
    return InvalidParameter(absl::StrCat(
        "StartingPosition ", position.empty() ? "(missing)" : position,
        " is not valid; it must be TRIM_HORIZON, LATEST or AT_TIMESTAMP"));
  }
  if ((position == "AT_TIMESTAMP") !=
      request.starting_position_timestamp.has_value()) {
    return InvalidParameter(
        "StartingPositionTimestamp is required with AT_TIMESTAMP and refused "
        "with the other starting positions");
  }
  TABLESTREAM_RETURN_IF_ERROR(ValidateOptions(request.options));
  EventSourceMapping mapping;
  mapping.event_source_arn = request.event_source_arn;
  mapping.function_name = request.function_name;
  mapping.starting_position = position;
  mapping.starting_position_timestamp = request.starting_position_timestamp;
  ApplyOptions(request.options, &mapping);
  return mapping;
}

absl::Status ApplyUpdateRequest(const UpdateEventSourceMappingRequest& request,
                                EventSourceMapping* mapping) {
  if (request.function_name.has_value()) {
    TABLESTREAM_RETURN_IF_ERROR(CheckFunctionName(*request.function_name));
  }
  TABLESTREAM_RETURN_IF_ERROR(ValidateOptions(request.options));
  if (request.function_name.has_value()) {
    mapping->function_name = *request.function_name;
  }
  ApplyOptions(request.options, mapping);
  return absl::OkStatus();
}

bool ReportsBatchItemFailures(const EventSourceMapping& mapping) {
  return std::find(mapping.function_response_types.begin(),
                   mapping.function_response_types.end(),
                   kReportBatchItemFailures) !=
         mapping.function_response_types.end();
}

}  // namespace triggers
}  // namespace tablestream
