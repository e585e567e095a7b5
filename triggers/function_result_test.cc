// Copyright 2026 The tablestream Authors.

#include "triggers/function_result.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tablestream {
namespace triggers {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Outcome = FunctionResult::Outcome;

const std::vector<std::string> kBatch = {"100", "200", "300", "1000"};
constexpr ResponseRules kReport{/*report_batch_item_failures=*/true};
constexpr ResponseRules kPlain{};
constexpr ResponseRules kWindow{/*report_batch_item_failures=*/false,
                                /*tumbling_window=*/true};
constexpr ResponseRules kWindowAndReport{true, true};

FunctionResult Read(const char* response, const ResponseRules& rules) {
  return InterpretResponse(response, kBatch, rules);
}

TEST(FunctionResultTest, WithoutReportBatchItemFailuresAnyResponseIsSuccess) {
  for (const char* response :
       {"", "null", "garbage",
        R"({"batchItemFailures":[{"itemIdentifier":"100"}]})",
        R"({"batchItemFailures":[{"itemIdentifier":""}]})"}) {
    FunctionResult r = Read(response, kPlain);
    EXPECT_EQ(r.outcome, Outcome::kSuccess) << response;
    EXPECT_TRUE(r.failed_sequence_numbers.empty());
  }
}

TEST(FunctionResultTest, EmptyOrNullResponseOrListIsCompleteSuccess) {
  for (const char* response :
       {"", "  \n", "null", "{}", R"({"batchItemFailures":[]})",
        R"({"batchItemFailures":null})", R"({"other":1})"}) {
    FunctionResult r = Read(response, kReport);
    EXPECT_EQ(r.outcome, Outcome::kSuccess) << response << ": " << r.error;
  }
}

TEST(FunctionResultTest, NamedRecordsArePartialFailureInStreamOrder) {
  FunctionResult r = Read(
      R"({"batchItemFailures":[{"itemIdentifier":"1000"},
                               {"itemIdentifier":"200"},
                               {"itemIdentifier":"1000"}]})",
      kReport);
  EXPECT_EQ(r.outcome, Outcome::kPartialFailure);
  // Batch order (not string order: "1000" < "200"), without duplicates; the
  // mapping resumes from the first.
  EXPECT_THAT(r.failed_sequence_numbers, ElementsAre("200", "1000"));
  EXPECT_TRUE(r.error.empty());
}

TEST(FunctionResultTest, EmptyOrNullItemIdentifierFailsTheBatch) {
  for (const char* response :
       {R"({"batchItemFailures":[{"itemIdentifier":""}]})",
        R"({"batchItemFailures":[{"itemIdentifier":null}]})",
        R"({"batchItemFailures":[{"itemIdentifier":200}]})"}) {
    FunctionResult r = Read(response, kReport);
    EXPECT_EQ(r.outcome, Outcome::kFailure) << response;
    EXPECT_THAT(r.error, HasSubstr("itemIdentifier")) << r.error;
    EXPECT_TRUE(r.function_error.empty());
  }
}

TEST(FunctionResultTest, BadKeyNameFailsTheBatch) {
  FunctionResult r =
      Read(R"({"batchItemFailures":[{"itemIdentifer":"200"}]})", kReport);
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_THAT(r.error, HasSubstr("no itemIdentifier"));
}

TEST(FunctionResultTest, SequenceNumberNotInTheBatchFailsIt) {
  FunctionResult r = Read(
      R"({"batchItemFailures":[{"itemIdentifier":"100"},{"itemIdentifier":"999"}]})",
      kReport);
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_THAT(r.error, HasSubstr("\"999\" is not a SequenceNumber"));
  EXPECT_TRUE(r.failed_sequence_numbers.empty());
}

TEST(FunctionResultTest, MalformedResponsesFailTheBatch) {
  for (const char* response :
       {"garbage", "{\"batchItemFailures\":", R"("ok")", "[]", "42",
        R"({"batchItemFailures":"200"})", R"({"batchItemFailures":["200"]})",
        R"({"batchItemFailures":{"itemIdentifier":"200"}})"}) {
    FunctionResult r = Read(response, kReport);
    EXPECT_EQ(r.outcome, Outcome::kFailure) << response;
    EXPECT_THAT(r.error, HasSubstr("malformed response")) << response;
  }
}

TEST(FunctionResultTest, JsonResponseFollowsTheSameRules) {
  api::Json partial = {{"batchItemFailures", {{{"itemIdentifier", "300"}}}}};
  FunctionResult r = InterpretResponse(partial, kBatch, kReport);
  EXPECT_EQ(r.outcome, Outcome::kPartialFailure);
  EXPECT_THAT(r.failed_sequence_numbers, ElementsAre("300"));
  EXPECT_EQ(InterpretResponse(api::Json(nullptr), kBatch, kReport).outcome,
            Outcome::kSuccess);
  EXPECT_EQ(InterpretResponse(api::Json("text"), kBatch, kPlain).outcome,
            Outcome::kSuccess);
}

TEST(FunctionResultTest, TumblingWindowResponseMustCarryState) {
  for (const char* response : {"", "null", "{}", R"({"state":null})",
                               R"({"batchItemFailures":[]})", "garbage"}) {
    FunctionResult r = Read(response, kWindow);
    EXPECT_EQ(r.outcome, Outcome::kFailure) << response;
    EXPECT_FALSE(r.state.has_value());
  }
  FunctionResult r = Read(R"({"state":{"1":282,"2":715}})", kWindow);
  EXPECT_EQ(r.outcome, Outcome::kSuccess) << r.error;
  ASSERT_TRUE(r.state.has_value());
  EXPECT_EQ((*r.state)["2"], 715);
}

TEST(FunctionResultTest, TumblingWindowWithReportBatchItemFailures) {
  FunctionResult r = Read(
      R"({"state":{"n":1},"batchItemFailures":[{"itemIdentifier":"300"}]})",
      kWindowAndReport);
  EXPECT_EQ(r.outcome, Outcome::kPartialFailure);
  EXPECT_THAT(r.failed_sequence_numbers, ElementsAre("300"));
  ASSERT_TRUE(r.state.has_value());
  EXPECT_EQ((*r.state)["n"], 1);
  EXPECT_EQ(
      Read(R"({"state":{},"batchItemFailures":[]})", kWindowAndReport).outcome,
      Outcome::kSuccess);
  EXPECT_EQ(Read(R"({"batchItemFailures":[]})", kWindowAndReport).outcome,
            Outcome::kFailure);
}

TEST(FunctionResultTest, HandlerFailureIsUnhandled) {
  FunctionResult r = HandlerFailure("exit status 3");
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_EQ(r.error, "exit status 3");
  EXPECT_EQ(r.function_error, "Unhandled");
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
