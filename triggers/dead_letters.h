// Copyright 2026 The tablestream Authors.
//
// The on-failure destination: when a mapping gives up a batch, Lambda's
// on-failure record goes to a table of this engine (DestinationConfig.
// OnFailure.Destination), as one item written in the same write batch as the
// checkpoint past the batch (Engine::CommitWithCheckpoint), so a record is
// there exactly when its batch was skipped. Items:
//   {"MappingUUID": S (hash key), "FailureId": S (range key:
//    "<shardId>/<startSequenceNumber>"), "Condition": S, "ShardId": S,
//    "StartSequenceNumber": S, "EndSequenceNumber": S, "BatchSize": N,
//    "Timestamp": S, "Record": S (the JSON below)}
// Record, as Lambda sends to SQS/SNS (the records themselves not included):
//   {"requestContext": {"requestId", "functionArn", "condition":
//     "RetryAttemptsExhausted" | "MaximumRecordAgeExceeded",
//     "approximateInvokeCount"},
//    "responseContext": {"statusCode", "executedVersion", "functionError"},
//    "version": "1.0", "timestamp",
//    "DDBStreamBatchInfo": {"shardId", "startSequenceNumber",
//     "endSequenceNumber", "approximateArrivalOfFirstRecord",
//     "approximateArrivalOfLastRecord", "batchSize", "streamArn"}}
// Pure functions and engine calls: thread-safe.

#ifndef TABLESTREAM_TRIGGERS_DEAD_LETTERS_H_
#define TABLESTREAM_TRIGGERS_DEAD_LETTERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace triggers {

inline constexpr char kRetryAttemptsExhausted[] = "RetryAttemptsExhausted";
inline constexpr char kMaximumRecordAgeExceeded[] = "MaximumRecordAgeExceeded";

struct OnFailureRecord {
  std::string mapping_uuid;
  std::string request_id;
  std::string function_arn;
  std::string condition;  // kRetryAttemptsExhausted, ...
  int approximate_invoke_count = 0;
  std::string function_error = "Unhandled";  // "" when never invoked
  int64_t timestamp_micros = 0;
  std::string shard_id;
  std::string start_sequence_number;
  std::string end_sequence_number;
  int64_t first_arrival_epoch_seconds = 0;
  int64_t last_arrival_epoch_seconds = 0;
  int batch_size = 0;
  std::string stream_arn;
};

// Creates the destination table if needed (InvalidParameterValueException
// if it exists with another key schema).
absl::Status EnsureDeadLetterTable(Engine* engine, const std::string& table);

api::Json OnFailureRecordJson(const OnFailureRecord& record);

// The item write of `record` into `table`.
PutItemRequest DeadLetterWrite(const std::string& table,
                               const OnFailureRecord& record);

// The Record JSON of every dead letter in `table`, of one mapping if given,
// in key order: {"DeadLetters": [{"MappingUUID", "FailureId", "Record"}]}.
absl::StatusOr<api::Json> ListDeadLetters(
    Engine* engine, const std::string& table,
    const std::optional<std::string>& mapping_uuid);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_DEAD_LETTERS_H_
