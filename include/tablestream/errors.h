// Copyright 2026 The tablestream Authors.
//
// Errors. Every operation returns absl::Status or absl::StatusOr<T>; nothing
// throws across the API. A failed status's message starts with the DynamoDB
// exception name, then ": ", then what was wrong and what is allowed:
//
//   ValidationException: partition key "id" is 2049 bytes; the limit is 2048
//
// ExceptionName() recovers the name; the absl::StatusCode is chosen to match
// (kInvalidArgument for ValidationException, kNotFound for
// ResourceNotFoundException, ...), so callers may switch on either.

#ifndef TABLESTREAM_ERRORS_H_
#define TABLESTREAM_ERRORS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tablestream {

// The DynamoDB and DynamoDB Streams exception names the engine uses.
inline constexpr std::string_view kValidationException = "ValidationException";
inline constexpr std::string_view kResourceNotFoundException =
    "ResourceNotFoundException";
inline constexpr std::string_view kResourceInUseException =
    "ResourceInUseException";
inline constexpr std::string_view kConditionalCheckFailedException =
    "ConditionalCheckFailedException";
inline constexpr std::string_view kTrimmedDataAccessException =
    "TrimmedDataAccessException";
inline constexpr std::string_view kExpiredIteratorException =
    "ExpiredIteratorException";
inline constexpr std::string_view kTransactionCanceledException =
    "TransactionCanceledException";
// A ClientRequestToken reused with other parameters within its 10 minutes.
inline constexpr std::string_view kIdempotentParameterMismatchException =
    "IdempotentParameterMismatchException";
inline constexpr std::string_view kLimitExceededException =
    "LimitExceededException";
// The engine cannot continue (an I/O error, a corrupt store). Writes are
// refused until the engine is reopened.
inline constexpr std::string_view kInternalServerError = "InternalServerError";
// A JSON request that is not valid JSON or not of the operation's shape.
inline constexpr std::string_view kSerializationException =
    "SerializationException";
inline constexpr std::string_view kUnknownOperationException =
    "UnknownOperationException";
// Lambda's name for a bad event source mapping option or filter pattern.
inline constexpr std::string_view kInvalidParameterValueException =
    "InvalidParameterValueException";
// Lambda's name for a mapping that conflicts with another (triggers.h).
inline constexpr std::string_view kResourceConflictException =
    "ResourceConflictException";

// Builds the status for `exception` with `message`, using the matching
// absl::StatusCode. Unknown names get kUnknown.
absl::Status MakeError(std::string_view exception, std::string_view message);

// The exception name of a failed status: the message's text before the first
// ": " when it is one of the names above, else "InternalServerError". Returns
// "" for an OK status.
std::string ExceptionName(const absl::Status& status);

// The message without the leading "<ExceptionName>: ".
std::string ErrorMessage(const absl::Status& status);

// Shorthands.
inline absl::Status ValidationError(std::string_view message) {
  return MakeError(kValidationException, message);
}
inline absl::Status NotFoundError(std::string_view message) {
  return MakeError(kResourceNotFoundException, message);
}

inline bool IsConditionalCheckFailed(const absl::Status& s) {
  return ExceptionName(s) == kConditionalCheckFailedException;
}

}  // namespace tablestream

#endif  // TABLESTREAM_ERRORS_H_
