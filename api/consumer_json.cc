// Copyright 2026 The tablestream Authors.

#include "api/consumer_json.h"

#include <utility>

#include "util/status_macros.h"

namespace tablestream {
namespace api {
namespace {

// Reads StreamArn or TableName (one of them is required).
template <typename Request>
absl::Status ReadStream(const ObjectReader& r, ConsumerCall<Request>* call) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<std::string> arn,
                               r.OptionalString("StreamArn"));
  TABLESTREAM_ASSIGN_OR_RETURN(call->table_name, r.OptionalString("TableName"));
  if (arn.has_value() == call->table_name.has_value()) {
    return MissingMemberError(
        "streamArn (give StreamArn or TableName, not both)");
  }
  if (arn) call->request.stream_arn = *arn;
  return absl::OkStatus();
}

const std::vector<std::string>& StartingPositions() {
  static const auto* p =
      new std::vector<std::string>{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"};
  return *p;
}

}  // namespace

absl::StatusOr<ConsumerCall<CreateConsumerRequest>> ParseCreateConsumerRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "CreateConsumerRequest", "",
                        {"StreamArn", "TableName", "ConsumerName",
                         "StartingPosition", "Timestamp"}));
  ConsumerCall<CreateConsumerRequest> call;
  TABLESTREAM_RETURN_IF_ERROR(ReadStream(r, &call));
  TABLESTREAM_ASSIGN_OR_RETURN(call.request.consumer_name,
                               r.RequiredString("ConsumerName"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> position,
      r.OptionalEnum("StartingPosition", StartingPositions()));
  if (position) {
    call.request.starting_position = *ParseShardIteratorType(*position);
  }
  TABLESTREAM_ASSIGN_OR_RETURN(call.request.timestamp,
                               r.OptionalDouble("Timestamp"));
  return call;
}

absl::StatusOr<ConsumerCall<ConsumerId>> ParseListConsumersRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r, ObjectReader::New(json, "ListConsumersRequest", "",
                                        {"StreamArn", "TableName"}));
  ConsumerCall<ConsumerId> call;
  TABLESTREAM_RETURN_IF_ERROR(ReadStream(r, &call));
  return call;
}

absl::StatusOr<ConsumerCall<ConsumerId>> ParseConsumerIdRequest(
    const Json& json, std::string_view shape) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, shape, "",
                        {"StreamArn", "TableName", "ConsumerName"}));
  ConsumerCall<ConsumerId> call;
  TABLESTREAM_RETURN_IF_ERROR(ReadStream(r, &call));
  TABLESTREAM_ASSIGN_OR_RETURN(call.request.consumer_name,
                               r.RequiredString("ConsumerName"));
  return call;
}

absl::StatusOr<ConsumerCall<ResetConsumerRequest>> ParseResetConsumerRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "ResetConsumerRequest", "",
                        {"StreamArn", "TableName", "ConsumerName", "Position",
                         "ShardId", "SequenceNumber", "Timestamp"}));
  ConsumerCall<ResetConsumerRequest> call;
  TABLESTREAM_RETURN_IF_ERROR(ReadStream(r, &call));
  TABLESTREAM_ASSIGN_OR_RETURN(call.request.consumer_name,
                               r.RequiredString("ConsumerName"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::string position,
      r.RequiredEnum("Position", {"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP",
                                  "AT_SEQUENCE_NUMBER"}));
  call.request.position = *ParseShardIteratorType(position);
  TABLESTREAM_ASSIGN_OR_RETURN(call.request.shard_id,
                               r.OptionalString("ShardId"));
  TABLESTREAM_ASSIGN_OR_RETURN(call.request.sequence_number,
                               r.OptionalString("SequenceNumber"));
  TABLESTREAM_ASSIGN_OR_RETURN(call.request.timestamp,
                               r.OptionalDouble("Timestamp"));
  return call;
}

Json ConsumerDescriptionToJson(const ConsumerDescription& d) {
  Json shards = Json::array();
  for (const ConsumerShardStatus& s : d.shards) {
    Json shard = Json::object();
    shard["ShardId"] = s.shard_id;
    if (s.parent_shard_id) shard["ParentShardId"] = *s.parent_shard_id;
    shard["NextSequenceNumber"] = s.next_sequence_number;
    shard["Finished"] = s.finished;
    shard["Expired"] = s.expired;
    shard["RecordsBehind"] = s.records_behind;
    shard["LagSeconds"] = s.lag_seconds;
    if (s.seconds_until_expiry) {
      shard["SecondsUntilExpiry"] = *s.seconds_until_expiry;
    }
    shards.push_back(std::move(shard));
  }
  Json skipped = Json::array();
  for (const SkippedRange& range : d.skipped_ranges) {
    skipped.push_back(Json{{"ShardId", range.shard_id},
                           {"FirstSequenceNumber", range.first_sequence_number},
                           {"LastSequenceNumber", range.last_sequence_number},
                           {"SkippedDateTime", range.skipped_date_time},
                           {"Reason", range.reason}});
  }
  Json out = Json::object();
  out["StreamArn"] = d.stream_arn;
  out["ConsumerName"] = d.consumer_name;
  out["CreationDateTime"] = d.creation_date_time;
  out["RecordsBehind"] = d.records_behind;
  out["LagSeconds"] = d.lag_seconds;
  if (d.seconds_until_expiry) {
    out["SecondsUntilExpiry"] = *d.seconds_until_expiry;
  }
  out["Shards"] = std::move(shards);
  out["SkippedRanges"] = std::move(skipped);
  return Json{{"Consumer", std::move(out)}};
}

Json ListConsumersResponse(const ListConsumersResult& result) {
  Json consumers = Json::array();
  for (const ConsumerSummary& c : result.consumers) {
    consumers.push_back(Json{{"ConsumerName", c.consumer_name},
                             {"CreationDateTime", c.creation_date_time}});
  }
  return Json{{"Consumers", std::move(consumers)}};
}

}  // namespace api
}  // namespace tablestream
