// Copyright 2026 The tablestream Authors.
//
// Failure handling as Lambda does it: retries with backoff on the clock,
// MaximumRetryAttempts, MaximumRecordAgeInSeconds, bisection finding the
// poison record, ReportBatchItemFailures, and the on-failure destination's
// records.

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "api/json_reader.h"
#include "triggers/dead_letters.h"
#include "triggers/trigger_test_fixture.h"

namespace tablestream {
namespace triggers {
namespace {

using ::testing::ElementsAre;

TriggerResponse Failure() {
  TriggerResponse r;
  r.failed = true;
  r.error = "boom";
  return r;
}

bool HasKey(const TriggerBatch& batch, const std::string& key) {
  return std::any_of(batch.records.begin(), batch.records.end(),
                     [&](const StreamRecord& r) {
                       return r.dynamodb.keys.at("pk").scalar() == key;
                     });
}

class TriggerFailureTest : public TriggerTest {
 protected:
  api::Json DeadLetters() {
    auto list = ListDeadLetters(engine_.get(), "dlq", std::nullopt);
    EXPECT_TRUE(list.ok()) << list.status();
    return list.ok() ? (*list)["DeadLetters"] : api::Json::array();
  }
};

TEST_F(TriggerFailureTest, RetriesWithBackoffUntilSuccessBlockingTheShard) {
  EventSourceMappingOptions o;
  o.batch_size = 2;
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f", o)));
  int failures_left = 2;
  RegisterRecorder("f", [&](const TriggerBatch&) {
    return failures_left-- > 0 ? Failure() : TriggerResponse();
  });
  PutKeys(0, 3);
  EXPECT_EQ(RunUntilIdle(), 1);  // fails; the next batch waits behind it
  clock_->AdvanceMicros(999999);
  EXPECT_EQ(RunUntilIdle(), 0);  // backoff 1 s not over
  clock_->AdvanceMicros(1);
  EXPECT_EQ(RunUntilIdle(), 1);  // fails again; backoff 2 s
  clock_->AdvanceSeconds(1);
  EXPECT_EQ(RunUntilIdle(), 0);
  clock_->AdvanceSeconds(1);
  EXPECT_EQ(RunUntilIdle(), 2);  // succeeds, then the blocked batch
  EXPECT_EQ(batches_.size(), 4u);
  EXPECT_THAT(batches_.back(), ElementsAre("k2"));
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(m.metrics.invocations, 4);
  EXPECT_EQ(m.metrics.errors, 2);
  EXPECT_EQ(m.metrics.retries, 2);
  EXPECT_EQ(m.metrics.records_delivered, 3);
  EXPECT_EQ(m.metrics.records_given_up, 0);
  EXPECT_EQ(m.last_processing_result, "OK");
}

TEST_F(TriggerFailureTest, ExhaustedRetriesGoToTheDestinationWithTheCheckpoint) {
  EventSourceMappingOptions o;
  o.batch_size = 2;
  o.maximum_retry_attempts = 2;
  o.on_failure_destination =
      "arn:aws:dynamodb:us-east-1:000000000000:table/dlq";
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f", o)));
  EXPECT_EQ(m.on_failure_destination, "dlq");
  RegisterRecorder("f", [](const TriggerBatch& b) {
    return HasKey(b, "k0") ? Failure() : TriggerResponse();
  });
  PutKeys(0, 3);
  RunUntilIdle();
  clock_->AdvanceSeconds(1);
  RunUntilIdle();
  clock_->AdvanceSeconds(2);
  RunUntilIdle();  // third failure: given up, then k2 is delivered
  ASSERT_EQ(batches_.size(), 4u);
  EXPECT_THAT(batches_.back(), ElementsAre("k2"));

  api::Json letters = DeadLetters();
  ASSERT_EQ(letters.size(), 1u);
  const api::Json& record = letters[0]["Record"];
  EXPECT_EQ(letters[0]["MappingUUID"], m.uuid);
  EXPECT_EQ(record["requestContext"]["condition"], "RetryAttemptsExhausted");
  EXPECT_EQ(record["requestContext"]["approximateInvokeCount"], 3);
  EXPECT_EQ(record["responseContext"]["functionError"], "Unhandled");
  EXPECT_EQ(record["version"], "1.0");
  const api::Json& info = record["DDBStreamBatchInfo"];
  EXPECT_EQ(info["batchSize"], 2);
  EXPECT_EQ(info["streamArn"], arn_);
  TS_ASSERT_OK_AND_ASSIGN(auto stream, test::ReadStream(*engine_, arn_));
  EXPECT_EQ(info["startSequenceNumber"], stream[0].dynamodb.sequence_number);
  EXPECT_EQ(info["endSequenceNumber"], stream[1].dynamodb.sequence_number);
  EXPECT_EQ(info["approximateArrivalOfFirstRecord"],
            "2026-01-01T00:00:00.000Z");
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(m.metrics.records_given_up, 2);
  EXPECT_EQ(m.metrics.records_sent_to_destination, 2);
  EXPECT_TRUE(CaughtUp());
}

TEST_F(TriggerFailureTest, BisectIsolatesThePoisonRecord) {
  EventSourceMappingOptions o;
  o.batch_size = 16;
  o.bisect_batch_on_function_error = true;
  o.maximum_retry_attempts = 0;
  o.on_failure_destination = "dlq";
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  std::vector<std::string> succeeded;
  RegisterRecorder("f", [&](const TriggerBatch& b) {
    if (HasKey(b, "k11")) return Failure();
    for (const StreamRecord& r : b.records) {
      succeeded.push_back(r.dynamodb.keys.at("pk").scalar());
    }
    return TriggerResponse();
  });
  PutKeys(0, 16);
  RunUntilIdle();
  // Every record but the poison one succeeded exactly once, in order.
  std::vector<std::string> expected;
  for (int i = 0; i < 16; ++i) {
    if (i != 11) expected.push_back("k" + std::to_string(i));
  }
  EXPECT_EQ(succeeded, expected);
  api::Json letters = DeadLetters();
  ASSERT_EQ(letters.size(), 1u);
  const api::Json& info = letters[0]["Record"]["DDBStreamBatchInfo"];
  TS_ASSERT_OK_AND_ASSIGN(auto stream, test::ReadStream(*engine_, arn_));
  EXPECT_EQ(info["batchSize"], 1);
  EXPECT_EQ(info["startSequenceNumber"], stream[11].dynamodb.sequence_number);
  EXPECT_EQ(info["endSequenceNumber"], stream[11].dynamodb.sequence_number);
}

TEST_F(TriggerFailureTest, ReportBatchItemFailuresResumesFromTheLowest) {
  EventSourceMappingOptions o;
  o.batch_size = 5;
  o.function_response_types = std::vector<std::string>{"ReportBatchItemFailures"};
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  bool first = true;
  RegisterRecorder("f", [&](const TriggerBatch& b) {
    TriggerResponse r;
    if (first) {
      first = false;
      r.batch_item_failures = {b.records[3].dynamodb.sequence_number,
                               b.records[2].dynamodb.sequence_number};
    }
    return r;
  });
  PutKeys(0, 5);
  RunUntilIdle();
  clock_->AdvanceSeconds(1);
  RunUntilIdle();
  ASSERT_EQ(batches_.size(), 2u);
  EXPECT_THAT(batches_[1], ElementsAre("k2", "k3", "k4"));
}

TEST_F(TriggerFailureTest, ItemFailuresOutsideTheBatchFailItWhole) {
  EventSourceMappingOptions o;
  o.function_response_types = std::vector<std::string>{"ReportBatchItemFailures"};
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  bool first = true;
  RegisterRecorder("f", [&](const TriggerBatch&) {
    TriggerResponse r;
    if (first) r.batch_item_failures = {"999"};
    first = false;
    return r;
  });
  PutKeys(0, 2);
  RunUntilIdle();
  clock_->AdvanceSeconds(1);
  RunUntilIdle();
  ASSERT_EQ(batches_.size(), 2u);
  EXPECT_THAT(batches_[1], ElementsAre("k0", "k1"));
}

TEST_F(TriggerFailureTest, ItemFailuresAreIgnoredWithoutTheSetting) {
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f")));
  RegisterRecorder("f", [](const TriggerBatch& b) {
    TriggerResponse r;
    r.batch_item_failures = {b.records[0].dynamodb.sequence_number};
    return r;
  });
  PutKeys(0, 2);
  RunUntilIdle();
  clock_->AdvanceSeconds(10);
  RunUntilIdle();
  EXPECT_EQ(batches_.size(), 1u);
}

TEST_F(TriggerFailureTest, RecordsPastMaximumAgeAreGivenUp) {
  EventSourceMappingOptions o;
  o.maximum_record_age_in_seconds = 60;
  o.on_failure_destination = "dlq";
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f", o)));
  RegisterRecorder("f", [](const TriggerBatch&) { return Failure(); });
  PutKeys(0, 1);
  RunUntilIdle();
  for (int i = 0; i < 6; ++i) {  // backoff 1, 2, 4, 8, 16, 32 s
    clock_->AdvanceSeconds(int64_t{1} << i);
    RunUntilIdle();
  }
  EXPECT_EQ(batches_.size(), 6u);  // at 63 s the record is too old
  api::Json letters = DeadLetters();
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0]["Record"]["requestContext"]["condition"],
            "MaximumRecordAgeExceeded");
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(m.metrics.records_given_up, 1);
  EXPECT_EQ(m.metrics.iterator_age_millis, 0);
}

TEST_F(TriggerFailureTest, IteratorAgeIsTheOldestUnprocessedRecord) {
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f")));
  RegisterRecorder("f", [](const TriggerBatch&) { return Failure(); });
  PutKeys(0, 1);
  RunUntilIdle();
  clock_->AdvanceSeconds(5);
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(m.metrics.iterator_age_millis, 5000);
  EXPECT_EQ(m.last_processing_result, "PROBLEM: Function call failed");
}

TEST_F(TriggerFailureTest, DestinationWithAnotherKeySchemaIsRefused) {
  TS_ASSERT_OK(engine_->CreateTable(
      test::TableRequest("other", {"id"}, std::nullopt, std::nullopt)));
  EventSourceMappingOptions o;
  o.on_failure_destination = "other";
  auto result = runtime_->CreateEventSourceMapping(Mapping("f", o));
  EXPECT_EQ(ExceptionName(result.status()), kInvalidParameterValueException)
      << result.status();
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
