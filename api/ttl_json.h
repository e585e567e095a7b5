// Copyright 2026 The tablestream Authors.
//
// JSON codecs of UpdateTimeToLive and DescribeTimeToLive, with DynamoDB's
// member names:
//   UpdateTimeToLive   {"TableName", "TimeToLiveSpecification":
//                       {"Enabled", "AttributeName"}}
//                   -> {"TimeToLiveSpecification": {...}}
//   DescribeTimeToLive {"TableName"}
//                   -> {"TimeToLiveDescription": {"TimeToLiveStatus",
//                                                  "AttributeName"}}

#ifndef TABLESTREAM_API_TTL_JSON_H_
#define TABLESTREAM_API_TTL_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/table.h"

namespace tablestream {
namespace api {

absl::StatusOr<UpdateTimeToLiveRequest> ParseUpdateTimeToLiveRequest(
    const Json& json);
// The table name.
absl::StatusOr<std::string> ParseDescribeTimeToLiveRequest(const Json& json);

Json UpdateTimeToLiveResponse(const TimeToLiveSpecification& spec);
Json DescribeTimeToLiveResponse(const TimeToLiveDescription& description);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_TTL_JSON_H_
