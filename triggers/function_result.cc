// Copyright 2026 The tablestream Authors.

#include "triggers/function_result.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tablestream {
namespace triggers {
namespace {

FunctionResult Failure(std::string error) {
  FunctionResult result;
  result.outcome = FunctionResult::Outcome::kFailure;
  result.error = std::move(error);
  return result;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  });
}

// Reads "batchItemFailures" of `response` into `result` (which is a success
// on entry); on a rule Lambda treats as complete failure, returns that.
FunctionResult ReadBatchItemFailures(
    const api::Json& response,
    const std::vector<std::string>& batch_sequence_numbers,
    FunctionResult result) {
  if (response.is_null()) return result;
  if (!response.is_object()) {
    return Failure(
        absl::StrCat("malformed response: expected an object with "
                     "batchItemFailures, got ",
                     response.type_name()));
  }
  auto failures = response.find("batchItemFailures");
  if (failures == response.end() || failures->is_null()) return result;
  if (!failures->is_array()) {
    return Failure(absl::StrCat("malformed response: batchItemFailures is a ",
                                failures->type_name(), ", not a list"));
  }
  // Positions in the batch of the records named, so the result lists them in
  // stream order whatever order the function gave.
  std::vector<size_t> positions;
  for (const api::Json& failure : *failures) {
    if (!failure.is_object()) {
      return Failure(
          absl::StrCat("malformed response: a batchItemFailures "
                       "entry is a ",
                       failure.type_name(), ", not an object"));
    }
    auto id = failure.find("itemIdentifier");
    if (id == failure.end()) {
      return Failure(
          "malformed response: a batchItemFailures entry has no "
          "itemIdentifier");
    }
    if (!id->is_string() || id->get_ref<const std::string&>().empty()) {
      return Failure(absl::StrCat(
          "malformed response: itemIdentifier ", id->dump(),
          " is not a sequence number (null, empty or not a string)"));
    }
    const std::string& sequence_number = id->get_ref<const std::string&>();
    auto it = std::find(batch_sequence_numbers.begin(),
                        batch_sequence_numbers.end(), sequence_number);
    if (it == batch_sequence_numbers.end()) {
      return Failure(absl::StrCat("malformed response: itemIdentifier \"",
                                  sequence_number,
                                  "\" is not a SequenceNumber of the batch"));
    }
    positions.push_back(
        static_cast<size_t>(it - batch_sequence_numbers.begin()));
  }
  if (positions.empty()) return result;
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()),
                  positions.end());
  result.outcome = FunctionResult::Outcome::kPartialFailure;
  for (size_t p : positions) {
    result.failed_sequence_numbers.push_back(batch_sequence_numbers[p]);
  }
  return result;
}

}  // namespace

FunctionResult HandlerFailure(std::string error) {
  FunctionResult result = Failure(std::move(error));
  result.function_error = "Unhandled";
  return result;
}

FunctionResult InterpretResponse(
    std::string_view response,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules) {
  if (!rules.report_batch_item_failures && !rules.tumbling_window) {
    return FunctionResult();  // Lambda ignores the response.
  }
  if (IsBlank(response)) {
    return InterpretResponse(api::Json(nullptr), batch_sequence_numbers, rules);
  }
  api::Json parsed = api::Json::parse(response, nullptr,
                                      /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    constexpr size_t kShown = 80;
    return Failure(absl::StrCat("malformed response: not JSON: \"",
                                std::string(response.substr(0, kShown)),
                                response.size() > kShown ? "...\"" : "\""));
  }
  return InterpretResponse(parsed, batch_sequence_numbers, rules);
}

FunctionResult InterpretResponse(
    const api::Json& response,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules) {
  FunctionResult result;
  if (rules.tumbling_window) {
    const api::Json* state = nullptr;
    if (response.is_object()) {
      auto it = response.find("state");
      if (it != response.end() && !it->is_null()) state = &*it;
    }
    if (state == nullptr) {
      return Failure(
          "malformed response: a tumbling-window response must carry "
          "\"state\"");
    }
    result.state = *state;
  }
  if (!rules.report_batch_item_failures) return result;
  return ReadBatchItemFailures(response, batch_sequence_numbers,
                               std::move(result));
}

}  // namespace triggers
}  // namespace tablestream
