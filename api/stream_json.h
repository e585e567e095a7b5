// Copyright 2026 The tablestream Authors.
//
// JSON requests and responses of the DynamoDB Streams operations:
// ListStreams, DescribeStream, GetShardIterator and GetRecords, and the
// stream Record as GetRecords returns it.
//
// Record member order follows AWS: eventID, eventName, eventVersion,
// eventSource, awsRegion, dynamodb {ApproximateCreationDateTime (a JSON
// number of whole epoch seconds), Keys, NewImage?, OldImage?, SequenceNumber,
// SizeBytes, StreamViewType}, then userIdentity {type, principalId} only on
// service (TTL) deletes.
//
// GetRecords always has "Records" (possibly []); "NextShardIterator" is
// absent, not null, at the end of a closed shard.
//
// Limit ranges, ARN syntax and iterator validity are the engine's to check.
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_STREAM_JSON_H_
#define TABLESTREAM_API_STREAM_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/stream.h"

namespace tablestream {
namespace api {

absl::StatusOr<ListStreamsRequest> ParseListStreamsRequest(const Json& json);
absl::StatusOr<DescribeStreamRequest> ParseDescribeStreamRequest(
    const Json& json);
absl::StatusOr<GetShardIteratorRequest> ParseGetShardIteratorRequest(
    const Json& json);
absl::StatusOr<GetRecordsRequest> ParseGetRecordsRequest(const Json& json);

Json ListStreamsResponse(const ListStreamsResult& result);
Json DescribeStreamResponse(const StreamDescription& description);
Json GetShardIteratorResponse(const std::string& shard_iterator);
Json GetRecordsResponse(const GetRecordsResult& result);

// One record as GetRecords returns it (a Lambda event record is this plus
// "eventSourceARN").
Json StreamRecordToJson(const StreamRecord& record);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_STREAM_JSON_H_
