// Copyright 2026 The tablestream Authors.
//
// JsonApi runs DynamoDB and DynamoDB Streams operations given as JSON, the
// same JSON the AWS API takes and returns, against an Engine. The command
// line and any network front end share it.
//
//   JsonApi api(engine.get());
//   absl::StatusOr<Json> r = api.Call("PutItem", request);
//   if (!r.ok()) std::cerr << FormatJson(ErrorToJson(r.status()));
//
// Operations are named as the AWS API names them ("PutItem"); the AWS CLI
// names ("put-item") map to them with OperationFromCliName().
//
// A JsonApi is as thread-safe as its Engine (which is safe for concurrent
// use): it holds no state of its own.

#ifndef TABLESTREAM_API_DISPATCHER_H_
#define TABLESTREAM_API_DISPATCHER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace api {

// One supported operation.
struct OperationInfo {
  const char* name;      // "PutItem"
  const char* cli_name;  // "put-item"
  const char* summary;   // one line for --help
};

class JsonApi {
 public:
  // `engine` is borrowed and must outlive the JsonApi.
  explicit JsonApi(Engine* engine);

  // Runs `operation` (an AWS API name) with `request` (the request JSON
  // object). Returns the response JSON, or a failed status whose message
  // starts with the DynamoDB exception name (see errors.h): an unknown
  // operation is an UnknownOperationException; a malformed request a
  // ValidationException or SerializationException (see json_reader.h);
  // everything else comes from the engine.
  absl::StatusOr<Json> Call(std::string_view operation, const Json& request);

  // As Call, with the request as text; text that is not JSON is a
  // SerializationException.
  absl::StatusOr<Json> CallWithText(std::string_view operation,
                                    std::string_view request_text);

  // The supported operations' AWS API names, in the order of OperationTable.
  static std::vector<std::string> Operations();
  // The supported operations: tables, items, then streams.
  static const std::vector<OperationInfo>& OperationTable();
  // "put-item" -> "PutItem"; nullopt if no such operation.
  static std::optional<std::string> OperationFromCliName(
      std::string_view cli_name);

 private:
  Engine* engine_;
};

// {"__type": "<ExceptionName>", "message": "<message>"} for a failed status,
// as DynamoDB returns errors, with "CancellationReasons" for a
// TransactionCanceledException and "Item" for a ConditionalCheckFailed-
// Exception that carries the item (ReturnValuesOnConditionCheckFailure
// ALL_OLD). REQUIRES: !status.ok().
Json ErrorToJson(const absl::Status& status);

// ErrorToJson on one line, spaced as the AWS CLI spaces JSON (members after
// "message" on the same line):
// {"__type": "ResourceNotFoundException", "message": "..."}
std::string FormatError(const absl::Status& status);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_DISPATCHER_H_
