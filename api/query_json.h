// Copyright 2026 The tablestream Authors.
//
// JSON requests and responses of Query and Scan, with DynamoDB's member
// names. The expression parameters (KeyConditionExpression,
// FilterExpression, ProjectionExpression, ExpressionAttributeNames/Values)
// are read as they are; the engine compiles and checks them. The legacy
// parameters (KeyConditions, QueryFilter, ScanFilter, AttributesToGet,
// ConditionalOperator) and IndexName are refused with a ValidationException
// that says so. ConsistentRead and ReturnConsumedCapacity are checked for
// shape; every read is consistent.
//
// Responses: {"Items": [...], "Count": n, "ScannedCount": n,
// "LastEvaluatedKey": {...}}; no "Items" with Select COUNT, no
// "LastEvaluatedKey" on the last page.
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_QUERY_JSON_H_
#define TABLESTREAM_API_QUERY_JSON_H_

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/query.h"

namespace tablestream {
namespace api {

absl::StatusOr<QueryRequest> ParseQueryRequest(const Json& json);
absl::StatusOr<ScanRequest> ParseScanRequest(const Json& json);

// `count_only`: the request's Select was COUNT (no "Items" member).
Json ReadPageResponse(const ReadPage& page, bool count_only);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_QUERY_JSON_H_
