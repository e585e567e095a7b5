// Copyright 2026 The tablestream Authors.

#include "api/stream_json.h"

#include <utility>
#include <vector>

#include "api/attribute_json.h"
#include "util/status_macros.h"

namespace tablestream {
namespace api {

absl::StatusOr<ListStreamsRequest> ParseListStreamsRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "ListStreamsRequest", "",
                        {"TableName", "Limit", "ExclusiveStartStreamArn"}));
  ListStreamsRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.OptionalString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.limit, r.OptionalInt("Limit"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.exclusive_start_stream_arn,
                               r.OptionalString("ExclusiveStartStreamArn"));
  return request;
}

absl::StatusOr<DescribeStreamRequest> ParseDescribeStreamRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "DescribeStreamRequest", "",
                        {"StreamArn", "Limit", "ExclusiveStartShardId"},
                        {{"ShardFilter", "not supported yet"}}));
  DescribeStreamRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.stream_arn,
                               r.RequiredString("StreamArn"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.limit, r.OptionalInt("Limit"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.exclusive_start_shard_id,
                               r.OptionalString("ExclusiveStartShardId"));
  return request;
}

absl::StatusOr<GetShardIteratorRequest> ParseGetShardIteratorRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(
          json, "GetShardIteratorRequest", "",
          {"StreamArn", "ShardId", "ShardIteratorType", "SequenceNumber",
           "Timestamp"}));
  GetShardIteratorRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.stream_arn,
                               r.RequiredString("StreamArn"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.shard_id, r.RequiredString("ShardId"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::string type,
      r.RequiredEnum("ShardIteratorType",
                     {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER",
                      "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP"}));
  request.shard_iterator_type = *ParseShardIteratorType(type);
  TABLESTREAM_ASSIGN_OR_RETURN(request.sequence_number,
                               r.OptionalString("SequenceNumber"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.timestamp,
                               r.OptionalDouble("Timestamp"));
  return request;
}

absl::StatusOr<GetRecordsRequest> ParseGetRecordsRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(ObjectReader r,
                               ObjectReader::New(json, "GetRecordsRequest", "",
                                                 {"ShardIterator", "Limit"}));
  GetRecordsRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.shard_iterator,
                               r.RequiredString("ShardIterator"));
  TABLESTREAM_ASSIGN_OR_RETURN(request.limit, r.OptionalInt("Limit"));
  return request;
}

Json ListStreamsResponse(const ListStreamsResult& result) {
  Json streams = Json::array();
  for (const StreamSummary& s : result.streams) {
    streams.push_back(Json{{"StreamArn", s.stream_arn},
                           {"TableName", s.table_name},
                           {"StreamLabel", s.stream_label}});
  }
  Json out = Json::object();
  out["Streams"] = std::move(streams);
  if (result.last_evaluated_stream_arn.has_value()) {
    out["LastEvaluatedStreamArn"] = *result.last_evaluated_stream_arn;
  }
  return out;
}

Json DescribeStreamResponse(const StreamDescription& d) {
  Json key_schema = Json::array();
  for (const KeySchemaElement& k : d.key_schema) {
    key_schema.push_back(Json{{"AttributeName", k.attribute_name},
                              {"KeyType", KeyTypeName(k.key_type)}});
  }
  Json shards = Json::array();
  for (const Shard& shard : d.shards) {
    Json range = Json::object();
    range["StartingSequenceNumber"] =
        shard.sequence_number_range.starting_sequence_number;
    if (shard.sequence_number_range.ending_sequence_number.has_value()) {
      range["EndingSequenceNumber"] =
          *shard.sequence_number_range.ending_sequence_number;
    }
    Json s = Json::object();
    s["ShardId"] = shard.shard_id;
    s["SequenceNumberRange"] = std::move(range);
    if (shard.parent_shard_id.has_value()) {
      s["ParentShardId"] = *shard.parent_shard_id;
    }
    shards.push_back(std::move(s));
  }
  Json out = Json::object();
  out["StreamArn"] = d.stream_arn;
  out["StreamLabel"] = d.stream_label;
  out["StreamStatus"] = d.stream_status;
  out["StreamViewType"] = StreamViewTypeName(d.stream_view_type);
  out["CreationRequestDateTime"] = d.creation_request_date_time;
  out["TableName"] = d.table_name;
  out["KeySchema"] = std::move(key_schema);
  out["Shards"] = std::move(shards);
  if (d.last_evaluated_shard_id.has_value()) {
    out["LastEvaluatedShardId"] = *d.last_evaluated_shard_id;
  }
  return Json{{"StreamDescription", std::move(out)}};
}

Json GetShardIteratorResponse(const std::string& shard_iterator) {
  return Json{{"ShardIterator", shard_iterator}};
}

Json StreamRecordToJson(const StreamRecord& record) {
  const StreamRecordData& data = record.dynamodb;
  Json dynamodb = Json::object();
  dynamodb["ApproximateCreationDateTime"] = data.approximate_creation_date_time;
  dynamodb["Keys"] = ItemToJson(data.keys);
  if (data.new_image.has_value()) {
    dynamodb["NewImage"] = ItemToJson(*data.new_image);
  }
  if (data.old_image.has_value()) {
    dynamodb["OldImage"] = ItemToJson(*data.old_image);
  }
  dynamodb["SequenceNumber"] = data.sequence_number;
  dynamodb["SizeBytes"] = data.size_bytes;
  dynamodb["StreamViewType"] = StreamViewTypeName(data.stream_view_type);

  Json out = Json::object();
  out["eventID"] = record.event_id;
  out["eventName"] = EventNameName(record.event_name);
  out["eventVersion"] = record.event_version;
  out["eventSource"] = record.event_source;
  out["awsRegion"] = record.aws_region;
  out["dynamodb"] = std::move(dynamodb);
  if (record.user_identity.has_value()) {
    out["userIdentity"] =
        Json{{"type", record.user_identity->type},
             {"principalId", record.user_identity->principal_id}};
  }
  return out;
}

Json GetRecordsResponse(const GetRecordsResult& result) {
  Json records = Json::array();
  for (const StreamRecord& record : result.records) {
    records.push_back(StreamRecordToJson(record));
  }
  Json out = Json::object();
  out["Records"] = std::move(records);
  if (result.next_shard_iterator.has_value()) {
    out["NextShardIterator"] = *result.next_shard_iterator;
  }
  return out;
}

}  // namespace api
}  // namespace tablestream
