// Copyright 2026 The tablestream Authors.
//
// JSON requests and responses of BatchGetItem and BatchWriteItem.
//
// - RequestItems: table name -> KeysAndAttributes {Keys, ProjectionExpression,
//   ExpressionAttributeNames, ConsistentRead, AttributesToGet}
//   (BatchGetItem), or table name -> [{"PutRequest": {"Item": ...}} |
//   {"DeleteRequest": {"Key": ...}}] (BatchWriteItem; exactly one of the two
//   per element).
// - ReturnConsumedCapacity and ReturnItemCollectionMetrics are checked for
//   shape and ignored.
// Limits (100 keys, 25 writes, 16 MB, distinct keys) are the engine's.
//
// Responses: {"Responses": {table: [items]}, "UnprocessedKeys": {table:
// KeysAndAttributes}} and {"UnprocessedItems": {}}, both maps always present.
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_BATCH_JSON_H_
#define TABLESTREAM_API_BATCH_JSON_H_

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/batch.h"

namespace tablestream {
namespace api {

absl::StatusOr<BatchGetItemRequest> ParseBatchGetItemRequest(const Json& json);
absl::StatusOr<BatchWriteItemRequest> ParseBatchWriteItemRequest(
    const Json& json);

Json BatchGetItemResponse(const BatchGetItemResult& result);
Json BatchWriteItemResponse(const BatchWriteItemResult& result);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_BATCH_JSON_H_
