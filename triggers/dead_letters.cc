// Copyright 2026 The tablestream Authors.

#include "triggers/dead_letters.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tablestream/errors.h"
#include "triggers/internal_table.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

std::string IsoTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", t, absl::UTCTimeZone());
}

}  // namespace

absl::Status EnsureDeadLetterTable(Engine* engine, const std::string& table) {
  return EnsureStringKeyedTable(engine, table, "MappingUUID",
                                std::string("FailureId"),
                                kInvalidParameterValueException);
}

api::Json OnFailureRecordJson(const OnFailureRecord& r) {
  api::Json json = api::Json::object();
  json["requestContext"] = {{"requestId", r.request_id},
                            {"functionArn", r.function_arn},
                            {"condition", r.condition},
                            {"approximateInvokeCount",
                             r.approximate_invoke_count}};
  api::Json response = {{"statusCode", 200},
                        {"executedVersion", "$LATEST"}};
  if (!r.function_error.empty()) response["functionError"] = r.function_error;
  json["responseContext"] = std::move(response);
  json["version"] = "1.0";
  json["timestamp"] = IsoTime(absl::FromUnixMicros(r.timestamp_micros));
  json["DDBStreamBatchInfo"] = {
      {"shardId", r.shard_id},
      {"startSequenceNumber", r.start_sequence_number},
      {"endSequenceNumber", r.end_sequence_number},
      {"approximateArrivalOfFirstRecord",
       IsoTime(absl::FromUnixSeconds(r.first_arrival_epoch_seconds))},
      {"approximateArrivalOfLastRecord",
       IsoTime(absl::FromUnixSeconds(r.last_arrival_epoch_seconds))},
      {"batchSize", r.batch_size},
      {"streamArn", r.stream_arn}};
  return json;
}

PutItemRequest DeadLetterWrite(const std::string& table,
                               const OnFailureRecord& r) {
  PutItemRequest request;
  request.table_name = table;
  request.item = {
      {"MappingUUID", AttributeValue::S(r.mapping_uuid)},
      {"FailureId",
       AttributeValue::S(absl::StrCat(r.shard_id, "/",
                                      r.start_sequence_number))},
      {"Condition", AttributeValue::S(r.condition)},
      {"ShardId", AttributeValue::S(r.shard_id)},
      {"StartSequenceNumber", AttributeValue::S(r.start_sequence_number)},
      {"EndSequenceNumber", AttributeValue::S(r.end_sequence_number)},
      {"BatchSize", AttributeValue::N(absl::StrCat(r.batch_size))},
      {"Timestamp", AttributeValue::S(IsoTime(
                        absl::FromUnixMicros(r.timestamp_micros)))},
      {"Record", AttributeValue::S(api::FormatJson(OnFailureRecordJson(r),
                                                   -1))}};
  return request;
}

absl::StatusOr<api::Json> ListDeadLetters(
    Engine* engine, const std::string& table,
    const std::optional<std::string>& mapping_uuid) {
  api::Json list = api::Json::array();
  TABLESTREAM_RETURN_IF_ERROR(
      ScanAll(engine, table, [&](const Item& item) -> absl::Status {
        std::string uuid = StringAttribute(item, "MappingUUID");
        if (mapping_uuid && uuid != *mapping_uuid) return absl::OkStatus();
        TABLESTREAM_ASSIGN_OR_RETURN(
            api::Json record, api::ParseJson(StringAttribute(item, "Record")));
        list.push_back({{"MappingUUID", uuid},
                        {"FailureId", StringAttribute(item, "FailureId")},
                        {"Record", std::move(record)}});
        return absl::OkStatus();
      }));
  return api::Json{{"DeadLetters", std::move(list)}};
}

}  // namespace triggers
}  // namespace tablestream
