// Copyright 2026 The tablestream Authors.

#include "triggers/trigger_function.h"

#include <atomic>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/json_reader.h"
#include "triggers/external_function.h"
#include "triggers/lambda_event.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

std::vector<std::string> SequenceNumbers(const TriggerBatch& batch) {
  std::vector<std::string> sequence_numbers;
  sequence_numbers.reserve(batch.records.size());
  for (const StreamRecord& r : batch.records) {
    sequence_numbers.push_back(r.dynamodb.sequence_number);
  }
  return sequence_numbers;
}

Invocation Failed(std::string error) {
  Invocation invocation;
  invocation.result.outcome = FunctionResult::Outcome::kFailure;
  invocation.result.error = std::move(error);
  invocation.result.function_error = "Unhandled";
  return invocation;
}

class CppFunction : public TriggerFunction {
 public:
  explicit CppFunction(TriggerHandler handler) : handler_(std::move(handler)) {}

  Invocation Invoke(const TriggerBatch& batch,
                    const ResponseRules& rules) override {
    TriggerResponse response = handler_(batch);
    if (response.failed) {
      return Failed(response.error.empty() ? "the handler failed"
                                           : response.error);
    }
    // The typed response, read by Lambda's rules as JSON.
    api::Json json = api::Json::object();
    if (!response.batch_item_failures.empty()) {
      api::Json failures = api::Json::array();
      for (const std::string& s : response.batch_item_failures) {
        failures.push_back({{"itemIdentifier", s}});
      }
      json["batchItemFailures"] = std::move(failures);
    }
    if (response.state_json.has_value()) {
      absl::StatusOr<api::Json> state = api::ParseJson(*response.state_json);
      if (!state.ok()) return Failed("malformed response: state is not JSON");
      json["state"] = *std::move(state);
    }
    Invocation invocation;
    invocation.result = InterpretResponse(json, SequenceNumbers(batch), rules);
    if (response.writes.size() > 100) {
      return Failed(absl::StrCat("the handler returned ",
                                 response.writes.size(),
                                 " writes; at most 100 commit with a "
                                 "checkpoint"));
    }
    if (invocation.result.outcome != FunctionResult::Outcome::kFailure) {
      invocation.writes = std::move(response.writes);
    }
    return invocation;
  }

 private:
  TriggerHandler handler_;
};

class ExternalTriggerFunction : public TriggerFunction {
 public:
  ExternalTriggerFunction(std::unique_ptr<ExternalFunction> function,
                          std::string function_name, int timeout_seconds)
      : function_(std::move(function)),
        function_name_(std::move(function_name)),
        timeout_seconds_(timeout_seconds) {}

  Invocation Invoke(const TriggerBatch& batch,
                    const ResponseRules& rules) override {
    std::vector<api::Json> records;
    records.reserve(batch.records.size());
    for (const StreamRecord& r : batch.records) {
      records.push_back(LambdaEventRecord(r, batch.event_source_arn));
    }
    api::Json event;
    if (batch.window.has_value()) {
      TumblingWindow window;
      window.start_epoch_seconds = batch.window->start_epoch_seconds;
      window.end_epoch_seconds = batch.window->end_epoch_seconds;
      absl::StatusOr<api::Json> state = api::ParseJson(batch.window->state_json);
      window.state = state.ok() ? *std::move(state) : api::Json::object();
      window.shard_id = batch.shard_id;
      window.is_final_invoke_for_window =
          batch.window->is_final_invoke_for_window;
      event = LambdaEvent(std::move(records), batch.event_source_arn, window);
    } else {
      event = LambdaEvent(std::move(records));
    }
    InvocationContext context;
    context.function_name = function_name_;
    context.request_id = absl::StrFormat("%s-%d", batch.mapping_uuid,
                                         next_request_.fetch_add(1));
    context.timeout = absl::Seconds(timeout_seconds_);
    Invocation invocation;
    invocation.result =
        function_->Invoke(event, SequenceNumbers(batch), rules, context);
    return invocation;
  }

 private:
  const std::unique_ptr<ExternalFunction> function_;
  const std::string function_name_;
  const int timeout_seconds_;
  std::atomic<int64_t> next_request_{1};
};

}  // namespace

std::unique_ptr<TriggerFunction> NewCppFunction(TriggerHandler handler) {
  return std::make_unique<CppFunction>(std::move(handler));
}

absl::StatusOr<std::unique_ptr<TriggerFunction>> NewExternalFunction(
    const std::string& function_name, int timeout_seconds) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<ExternalFunction> function,
                               ExternalFunction::Create(function_name));
  return std::unique_ptr<TriggerFunction>(std::make_unique<
                                          ExternalTriggerFunction>(
      std::move(function), function_name, timeout_seconds));
}

}  // namespace triggers
}  // namespace tablestream
