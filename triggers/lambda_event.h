// Copyright 2026 The tablestream Authors.
//
// The JSON a Lambda function receives from a DynamoDB event source mapping.
//
//   {"Records":[{"eventID":..., "eventName":..., "eventVersion":"1.1",
//     "eventSource":"aws:dynamodb", "awsRegion":..., "dynamodb":{...},
//     "eventSourceARN":"<stream ARN>"}, ...]}
//
// With a tumbling window the event also carries "window":{"start","end"}
// (ISO-8601 UTC), "state", "shardId", "eventSourceARN",
// "isFinalInvokeForWindow" and "isWindowTerminatedEarly", as Lambda sends
// them. Pure functions: thread-safe.

#ifndef TABLESTREAM_TRIGGERS_LAMBDA_EVENT_H_
#define TABLESTREAM_TRIGGERS_LAMBDA_EVENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "api/json_reader.h"  // api::Json
#include "tablestream/stream.h"

namespace tablestream {
namespace triggers {

// One record: api::StreamRecordToJson(record) plus "eventSourceARN".
api::Json LambdaEventRecord(const StreamRecord& record,
                            const std::string& event_source_arn);

struct TumblingWindow {
  int64_t start_epoch_seconds = 0;  // inclusive
  int64_t end_epoch_seconds = 0;    // exclusive
  api::Json state = api::Json::object();
  std::string shard_id;
  bool is_final_invoke_for_window = false;
  bool is_window_terminated_early = false;
};

// {"Records":[...]} from records made by LambdaEventRecord.
api::Json LambdaEvent(std::vector<api::Json> records);
// The same with the tumbling-window members.
api::Json LambdaEvent(std::vector<api::Json> records,
                      const std::string& event_source_arn,
                      const TumblingWindow& window);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_LAMBDA_EVENT_H_
