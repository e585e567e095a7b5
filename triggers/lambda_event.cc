// Copyright 2026 The tablestream Authors.

#include "triggers/lambda_event.h"

#include <utility>

#include "absl/time/time.h"
#include "api/stream_json.h"

namespace tablestream {
namespace triggers {
namespace {

// Lambda writes window bounds as "2020-07-30T17:00:00Z".
std::string WindowTime(int64_t epoch_seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                          absl::FromUnixSeconds(epoch_seconds),
                          absl::UTCTimeZone());
}

}  // namespace

api::Json LambdaEventRecord(const StreamRecord& record,
                            const std::string& event_source_arn) {
  api::Json out = api::StreamRecordToJson(record);
  out["eventSourceARN"] = event_source_arn;
  return out;
}

api::Json LambdaEvent(std::vector<api::Json> records) {
  api::Json list = api::Json::array();
  for (api::Json& record : records) list.push_back(std::move(record));
  api::Json out = api::Json::object();
  out["Records"] = std::move(list);
  return out;
}

// Member order as in AWS's DynamodbTimeWindowEvent example.
api::Json LambdaEvent(std::vector<api::Json> records,
                      const std::string& event_source_arn,
                      const TumblingWindow& window) {
  api::Json out = LambdaEvent(std::move(records));
  out["shardId"] = window.shard_id;
  out["eventSourceARN"] = event_source_arn;
  out["window"] = api::Json{{"start", WindowTime(window.start_epoch_seconds)},
                            {"end", WindowTime(window.end_epoch_seconds)}};
  out["state"] = window.state;
  out["isFinalInvokeForWindow"] = window.is_final_invoke_for_window;
  out["isWindowTerminatedEarly"] = window.is_window_terminated_early;
  return out;
}

}  // namespace triggers
}  // namespace tablestream
