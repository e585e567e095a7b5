// Copyright 2026 The tablestream Authors.
//
// What one invocation of a trigger function came to, and how a function's
// response is read, as Lambda reads it for DynamoDB event source mappings.
//
// With ReportBatchItemFailures on, {"batchItemFailures":[{"itemIdentifier":
// "<SequenceNumber>"}, ...]} reports a partial failure. A null or empty
// response, or a null or empty list, is complete success. An empty, null or
// missing itemIdentifier, a bad key name, or a sequence number not in the
// batch makes the whole batch a failure. Without ReportBatchItemFailures the
// response is ignored (any return is success). With a tumbling window the
// response must carry "state", else the invocation failed. Pure functions:
// thread-safe.

#ifndef TABLESTREAM_TRIGGERS_FUNCTION_RESULT_H_
#define TABLESTREAM_TRIGGERS_FUNCTION_RESULT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/json_reader.h"  // api::Json

namespace tablestream {
namespace triggers {

struct FunctionResult {
  enum class Outcome {
    kSuccess,         // the whole batch was handled
    kPartialFailure,  // failed_sequence_numbers lists the failed records
    kFailure,         // the whole batch failed (error, crash, timeout, ...)
  };
  Outcome outcome = Outcome::kSuccess;
  // kPartialFailure: the sequence numbers named, each in the batch; the
  // mapping resumes from the lowest.
  std::vector<std::string> failed_sequence_numbers;
  // The "state" member of a tumbling-window response.
  std::optional<api::Json> state;
  // kFailure: why, for metrics and the on-failure record, e.g.
  // "exit status 3", "timed out after 3 s", "malformed response: ...".
  std::string error;
  // Lambda's functionError: "Unhandled" for a crash or thrown error.
  std::string function_error;
};

struct ResponseRules {
  bool report_batch_item_failures = false;
  bool tumbling_window = false;
};

// Reads a function's response (JSON text; empty means no response) for a
// batch whose records have `batch_sequence_numbers`.
FunctionResult InterpretResponse(
    std::string_view response,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules);

// Text as std::string or a literal would convert both to std::string_view
// and to api::Json; these overloads pick the text reading.
inline FunctionResult InterpretResponse(
    const std::string& response,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules) {
  return InterpretResponse(std::string_view(response), batch_sequence_numbers,
                           rules);
}
inline FunctionResult InterpretResponse(
    const char* response,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules) {
  return InterpretResponse(std::string_view(response), batch_sequence_numbers,
                           rules);
}

// The same for a response that is already JSON (C++ and Python handlers).
FunctionResult InterpretResponse(
    const api::Json& response,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules);

// A kFailure result for a handler that failed (crashed, exited non-zero,
// threw, timed out): `error` and Lambda's functionError "Unhandled".
FunctionResult HandlerFailure(std::string error);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_FUNCTION_RESULT_H_
