// Copyright 2026 The tablestream Authors.

#include "tablestream/errors.h"

#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "util/absl_compat.h"

namespace tablestream {
namespace {

struct ExceptionCode {
  std::string_view name;
  absl::StatusCode code;
};

constexpr std::array<ExceptionCode, 14> kExceptions = {{
    {kValidationException, absl::StatusCode::kInvalidArgument},
    {kResourceNotFoundException, absl::StatusCode::kNotFound},
    {kResourceInUseException, absl::StatusCode::kAlreadyExists},
    {kConditionalCheckFailedException, absl::StatusCode::kFailedPrecondition},
    {kTrimmedDataAccessException, absl::StatusCode::kOutOfRange},
    {kExpiredIteratorException, absl::StatusCode::kDeadlineExceeded},
    {kTransactionCanceledException, absl::StatusCode::kAborted},
    {kIdempotentParameterMismatchException,
     absl::StatusCode::kFailedPrecondition},
    {kLimitExceededException, absl::StatusCode::kResourceExhausted},
    {kInternalServerError, absl::StatusCode::kInternal},
    {kSerializationException, absl::StatusCode::kInvalidArgument},
    {kUnknownOperationException, absl::StatusCode::kUnimplemented},
    {kInvalidParameterValueException, absl::StatusCode::kInvalidArgument},
    {kResourceConflictException, absl::StatusCode::kAlreadyExists},
}};

}  // namespace

absl::Status MakeError(std::string_view exception, std::string_view message) {
  absl::StatusCode code = absl::StatusCode::kUnknown;
  for (const ExceptionCode& e : kExceptions) {
    if (e.name == exception) code = e.code;
  }
  return absl::Status(code,
                      absl::StrCat(AsAbsl(exception), ": ", AsAbsl(message)));
}

std::string ExceptionName(const absl::Status& status) {
  if (status.ok()) return "";
  std::string_view message(status.message().data(), status.message().size());
  size_t colon = message.find(": ");
  if (colon != std::string_view::npos) {
    std::string_view head = message.substr(0, colon);
    for (const ExceptionCode& e : kExceptions) {
      if (e.name == head) return std::string(head);
    }
  }
  return std::string(kInternalServerError);
}

std::string ErrorMessage(const absl::Status& status) {
  std::string_view message(status.message().data(), status.message().size());
  std::string name = ExceptionName(status);
  if (!name.empty() && message.substr(0, name.size()) == name &&
      message.substr(name.size(), 2) == ": ") {
    return std::string(message.substr(name.size() + 2));
  }
  return std::string(message);
}

}  // namespace tablestream
