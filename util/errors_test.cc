// Copyright 2026 The tablestream Authors.

#include "tablestream/errors.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace tablestream {
namespace {

TEST(ErrorsTest, MakeErrorPicksTheMatchingCode) {
  const std::vector<std::pair<std::string_view, absl::StatusCode>> cases = {
      {kValidationException, absl::StatusCode::kInvalidArgument},
      {kResourceNotFoundException, absl::StatusCode::kNotFound},
      {kResourceInUseException, absl::StatusCode::kAlreadyExists},
      {kConditionalCheckFailedException, absl::StatusCode::kFailedPrecondition},
      {kTrimmedDataAccessException, absl::StatusCode::kOutOfRange},
      {kExpiredIteratorException, absl::StatusCode::kDeadlineExceeded},
      {kTransactionCanceledException, absl::StatusCode::kAborted},
      {kLimitExceededException, absl::StatusCode::kResourceExhausted},
      {kInternalServerError, absl::StatusCode::kInternal},
      {kSerializationException, absl::StatusCode::kInvalidArgument},
      {kUnknownOperationException, absl::StatusCode::kUnimplemented},
  };
  for (const auto& [name, code] : cases) {
    absl::Status s = MakeError(name, "what went wrong");
    EXPECT_EQ(s.code(), code) << name;
    EXPECT_EQ(s.message(), std::string(name) + ": what went wrong");
    EXPECT_EQ(ExceptionName(s), name);
    EXPECT_EQ(ErrorMessage(s), "what went wrong");
  }
}

TEST(ErrorsTest, UnknownExceptionNameGetsUnknownCode) {
  absl::Status s = MakeError("FancyException", "boom");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnknown);
  EXPECT_EQ(s.message(), "FancyException: boom");
  // Not one of ours: reported as an internal error, message kept whole.
  EXPECT_EQ(ExceptionName(s), kInternalServerError);
  EXPECT_EQ(ErrorMessage(s), "FancyException: boom");
}

TEST(ErrorsTest, OkStatusHasNoName) {
  EXPECT_EQ(ExceptionName(absl::OkStatus()), "");
  EXPECT_EQ(ErrorMessage(absl::OkStatus()), "");
}

TEST(ErrorsTest, ForeignStatusesAreInternalServerErrors) {
  absl::Status s = absl::InternalError("disk on fire");
  EXPECT_EQ(ExceptionName(s), kInternalServerError);
  EXPECT_EQ(ErrorMessage(s), "disk on fire");
  absl::Status no_colon = absl::NotFoundError("ValidationException");
  EXPECT_EQ(ExceptionName(no_colon), kInternalServerError);
}

TEST(ErrorsTest, MessageMayContainColons) {
  absl::Status s = ValidationError("a: b: c");
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_EQ(ErrorMessage(s), "a: b: c");
}

TEST(ErrorsTest, EmptyMessage) {
  absl::Status s = NotFoundError("");
  EXPECT_EQ(s.message(), "ResourceNotFoundException: ");
  EXPECT_EQ(ExceptionName(s), kResourceNotFoundException);
  EXPECT_EQ(ErrorMessage(s), "");
}

TEST(ErrorsTest, Shorthands) {
  EXPECT_EQ(ValidationError("x").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ExceptionName(ValidationError("x")), kValidationException);
  EXPECT_EQ(NotFoundError("x").code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(
      IsConditionalCheckFailed(MakeError(kConditionalCheckFailedException,
                                         "The conditional request "
                                         "failed")));
  EXPECT_FALSE(IsConditionalCheckFailed(ValidationError("x")));
  EXPECT_FALSE(IsConditionalCheckFailed(absl::OkStatus()));
}

}  // namespace
}  // namespace tablestream
