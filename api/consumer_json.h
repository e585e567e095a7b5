// Copyright 2026 The tablestream Authors.
//
// JSON requests and responses of the consumer operations (tablestream's
// own, shaped like the AWS ones): CreateConsumer, ListConsumers,
// DescribeConsumer, ResetConsumer, DeleteConsumer.
//
// Every request names its stream by "StreamArn", or by "TableName" for the
// table's latest stream (the dispatcher resolves it); "ConsumerName" names
// the consumer. Positions are "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP" (with
// "Timestamp", epoch seconds) and, for ResetConsumer, "AT_SEQUENCE_NUMBER"
// (with "ShardId" and "SequenceNumber").
//
// A consumer description:
//   {"StreamArn", "ConsumerName", "CreationDateTime", "RecordsBehind",
//    "LagSeconds", "SecondsUntilExpiry"?,
//    "Shards": [{"ShardId", "ParentShardId"?, "NextSequenceNumber",
//                "Finished", "Expired", "RecordsBehind", "LagSeconds",
//                "SecondsUntilExpiry"?}],
//    "SkippedRanges": [{"ShardId", "FirstSequenceNumber",
//                       "LastSequenceNumber", "SkippedDateTime", "Reason"}]}
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_CONSUMER_JSON_H_
#define TABLESTREAM_API_CONSUMER_JSON_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/consumer.h"

namespace tablestream {
namespace api {

// A parsed request whose stream may be named by table instead: then
// request.stream_arn is empty and table_name is set.
template <typename Request>
struct ConsumerCall {
  Request request;
  std::optional<std::string> table_name;
};

absl::StatusOr<ConsumerCall<CreateConsumerRequest>> ParseCreateConsumerRequest(
    const Json& json);
absl::StatusOr<ConsumerCall<ConsumerId>> ParseListConsumersRequest(
    const Json& json);  // ConsumerName is refused
absl::StatusOr<ConsumerCall<ConsumerId>> ParseConsumerIdRequest(
    const Json& json, std::string_view shape);  // Describe-, DeleteConsumer
absl::StatusOr<ConsumerCall<ResetConsumerRequest>> ParseResetConsumerRequest(
    const Json& json);

Json ConsumerDescriptionToJson(const ConsumerDescription& description);
Json ListConsumersResponse(const ListConsumersResult& result);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_CONSUMER_JSON_H_
