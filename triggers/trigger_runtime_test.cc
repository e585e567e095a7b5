// Copyright 2026 The tablestream Authors.
//
// TriggerRuntime: mapping CRUD and persistence, C++ handlers, batching,
// starting positions, checkpoints (at-least-once) and commit-with-checkpoint
// writes (exactly-once effects). Failure handling is in
// trigger_failure_test.cc.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "triggers/trigger_test_fixture.h"

namespace tablestream {
namespace triggers {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(TriggerTest, CreateAppliesLambdaDefaults) {
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f")));
  EXPECT_EQ(m.uuid.size(), 36u);
  EXPECT_EQ(m.batch_size, 100);
  EXPECT_EQ(m.maximum_batching_window_in_seconds, 0);
  EXPECT_EQ(m.parallelization_factor, 1);
  EXPECT_EQ(m.maximum_retry_attempts, -1);
  EXPECT_EQ(m.maximum_record_age_in_seconds, -1);
  EXPECT_FALSE(m.bisect_batch_on_function_error);
  EXPECT_EQ(m.tumbling_window_in_seconds, 0);
  EXPECT_EQ(m.state, "Enabled");
  EXPECT_EQ(m.event_source_arn, arn_);
  EXPECT_EQ(m.last_processing_result, "No records processed");
  EXPECT_DOUBLE_EQ(m.last_modified, test::kTestEpochMicros / 1e6);
}

TEST_F(TriggerTest, CreateRefusesBadInputWithLambdaExceptions) {
  auto expect_invalid = [&](CreateEventSourceMappingRequest request,
                            const std::string& text) {
    auto result = runtime_->CreateEventSourceMapping(request);
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_EQ(ExceptionName(result.status()), kInvalidParameterValueException)
        << result.status();
    EXPECT_THAT(std::string(result.status().message()), HasSubstr(text));
  };
  EventSourceMappingOptions o;
  o.batch_size = 0;
  expect_invalid(Mapping("f", o), "BatchSize is 0");
  o.batch_size = 10001;
  expect_invalid(Mapping("f", o), "between 1 and 10000");
  o = {};
  o.maximum_batching_window_in_seconds = 301;
  expect_invalid(Mapping("f", o), "MaximumBatchingWindowInSeconds");
  o = {};
  o.parallelization_factor = 11;
  expect_invalid(Mapping("f", o), "ParallelizationFactor");
  o = {};
  o.maximum_record_age_in_seconds = 59;
  expect_invalid(Mapping("f", o), "either -1 (forever) or between 60");
  o = {};
  o.maximum_retry_attempts = -2;
  expect_invalid(Mapping("f", o), "MaximumRetryAttempts");
  o = {};
  o.tumbling_window_in_seconds = 901;
  expect_invalid(Mapping("f", o), "TumblingWindowInSeconds");
  o = {};
  o.function_response_types = std::vector<std::string>{"Bogus"};
  expect_invalid(Mapping("f", o), "FunctionResponseTypes");
  o = {};
  o.filter_criteria = "{not json";
  expect_invalid(Mapping("f", o), "FilterCriteria");
  o = {};
  o.on_failure_destination = "arn:aws:sqs:us-east-1:000000000000:q";
  expect_invalid(Mapping("f", o), "SQS, SNS and S3 are not available");
  CreateEventSourceMappingRequest r = Mapping("f");
  r.starting_position = "";
  expect_invalid(r, "StartingPosition (missing)");
  r.starting_position = "AT_TIMESTAMP";
  expect_invalid(r, "StartingPositionTimestamp is required");
  r = Mapping("f");
  r.event_source_arn = arn_ + "x";
  expect_invalid(r, "is not a stream of this engine");
  r = Mapping("");
  expect_invalid(r, "FunctionName");
  // Nothing was created.
  TS_ASSERT_OK_AND_ASSIGN(auto list, runtime_->ListEventSourceMappings({}));
  EXPECT_TRUE(list.empty());
}

TEST_F(TriggerTest, DuplicateMappingIsAConflictAndUnknownUuidNotFound) {
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f")));
  auto again = runtime_->CreateEventSourceMapping(Mapping("f"));
  EXPECT_EQ(ExceptionName(again.status()), kResourceConflictException);
  EXPECT_THAT(std::string(again.status().message()), HasSubstr(m.uuid));
  TS_EXPECT_OK(runtime_->CreateEventSourceMapping(Mapping("g")));
  for (auto status :
       {runtime_->GetEventSourceMapping("nope").status(),
        runtime_->DeleteEventSourceMapping("nope").status(),
        runtime_->UpdateEventSourceMapping({"nope"}).status()}) {
    EXPECT_EQ(ExceptionName(status), kResourceNotFoundException) << status;
  }
}

TEST_F(TriggerTest, ListFiltersByArnAndFunction) {
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f")));
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("g")));
  TS_ASSERT_OK_AND_ASSIGN(auto all, runtime_->ListEventSourceMappings({}));
  EXPECT_EQ(all.size(), 2u);
  EXPECT_LT(all[0].uuid, all[1].uuid);
  ListEventSourceMappingsRequest by_function;
  by_function.function_name = "g";
  TS_ASSERT_OK_AND_ASSIGN(auto g,
                          runtime_->ListEventSourceMappings(by_function));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].function_name, "g");
  ListEventSourceMappingsRequest by_arn;
  by_arn.event_source_arn = "other";
  TS_ASSERT_OK_AND_ASSIGN(auto none, runtime_->ListEventSourceMappings(by_arn));
  EXPECT_TRUE(none.empty());
}

TEST_F(TriggerTest, MappingsAndCheckpointsSurviveReopen) {
  EventSourceMappingOptions o;
  o.batch_size = 7;
  o.bisect_batch_on_function_error = true;
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f", o)));
  RegisterRecorder("f");
  PutKeys(0, 3);
  RunUntilIdle();
  ASSERT_THAT(Delivered(), ElementsAre("k0", "k1", "k2"));

  OpenAll();
  batches_.clear();
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping loaded,
                          runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(loaded.batch_size, 7);
  EXPECT_TRUE(loaded.bisect_batch_on_function_error);
  EXPECT_EQ(loaded.function_name, "f");
  RegisterRecorder("f");
  PutKeys(3, 1);
  RunUntilIdle();
  // Only the new record: the checkpoint survived.
  EXPECT_THAT(Delivered(), ElementsAre("k3"));
}

TEST_F(TriggerTest, UnregisteredHandlerIsSkippedUntilRegistered) {
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("late")));
  EXPECT_THAT(m.state_transition_reason, HasSubstr("not registered"));
  PutKeys(0, 2);
  EXPECT_EQ(RunUntilIdle(), 0);
  EXPECT_TRUE(CaughtUp());  // a skipped mapping does not count
  RegisterRecorder("late");
  EXPECT_EQ(RunUntilIdle(), 1);
  EXPECT_THAT(Delivered(), ElementsAre("k0", "k1"));
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(m.state_transition_reason, "USER_INITIATED");
  EXPECT_EQ(m.last_processing_result, "OK");
}

TEST_F(TriggerTest, RegisterRefusesPrefixesAndDuplicates) {
  auto h = [](const TriggerBatch&) { return TriggerResponse(); };
  EXPECT_EQ(ExceptionName(runtime_->RegisterHandler("exec:true", h)),
            kInvalidParameterValueException);
  TS_EXPECT_OK(runtime_->RegisterHandler("f", h));
  EXPECT_EQ(ExceptionName(runtime_->RegisterHandler("f", h)),
            kResourceConflictException);
}

TEST_F(TriggerTest, BatchSizeSplitsTheBacklog) {
  EventSourceMappingOptions o;
  o.batch_size = 4;
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  RegisterRecorder("f");
  PutKeys(0, 10);
  EXPECT_EQ(RunUntilIdle(), 3);
  ASSERT_EQ(batches_.size(), 3u);
  EXPECT_EQ(batches_[0].size(), 4u);
  EXPECT_EQ(batches_[1].size(), 4u);
  EXPECT_THAT(batches_[2], ElementsAre("k8", "k9"));
  EXPECT_TRUE(CaughtUp());
}

TEST_F(TriggerTest, BatchingWindowWaitsOnTheClockUnlessTheBatchIsFull) {
  EventSourceMappingOptions o;
  o.batch_size = 5;
  o.maximum_batching_window_in_seconds = 10;
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  RegisterRecorder("f");
  PutKeys(0, 3);
  EXPECT_EQ(RunUntilIdle(), 0);
  clock_->AdvanceSeconds(9);
  EXPECT_EQ(RunUntilIdle(), 0);
  EXPECT_FALSE(CaughtUp());
  clock_->AdvanceSeconds(1);
  EXPECT_EQ(RunUntilIdle(), 1);
  EXPECT_THAT(Delivered(), ElementsAre("k0", "k1", "k2"));
  // A full batch goes at once.
  PutKeys(3, 5);
  EXPECT_EQ(RunUntilIdle(), 1);
  EXPECT_EQ(batches_.back().size(), 5u);
}

TEST_F(TriggerTest, LatestStartsAfterExistingRecords) {
  PutKeys(0, 2);
  CreateEventSourceMappingRequest r = Mapping("f");
  r.starting_position = "LATEST";
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(r));
  RegisterRecorder("f");
  PutKeys(2, 1);
  RunUntilIdle();
  EXPECT_THAT(Delivered(), ElementsAre("k2"));
}

TEST_F(TriggerTest, AtTimestampStartsAtTheFirstRecordFromThen) {
  PutKeys(0, 2);
  clock_->AdvanceSeconds(5);
  PutKeys(2, 2);
  CreateEventSourceMappingRequest r = Mapping("f");
  r.starting_position = "AT_TIMESTAMP";
  r.starting_position_timestamp = test::kTestEpochMicros / 1e6 + 5;
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(r));
  RegisterRecorder("f");
  RunUntilIdle();
  EXPECT_THAT(Delivered(), ElementsAre("k2", "k3"));
}

TEST_F(TriggerTest, SeveralMappingsOnOneStreamAllFire) {
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f")));
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("g")));
  RegisterRecorder("f");
  RegisterRecorder("g");
  PutKeys(0, 2);
  EXPECT_EQ(RunUntilIdle(), 2);
  EXPECT_THAT(Delivered(), ElementsAre("k0", "k1", "k0", "k1"));
}

TEST_F(TriggerTest, FailedBatchIsNotCheckpointedAndComesBackAfterRestart) {
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f")));
  RegisterRecorder("f", [](const TriggerBatch&) {
    TriggerResponse r;
    r.failed = true;
    return r;
  });
  PutKeys(0, 2);
  RunUntilIdle();
  EXPECT_EQ(batches_.size(), 1u);
  OpenAll();  // as after a crash mid-retry
  batches_.clear();
  RegisterRecorder("f");
  RunUntilIdle();
  EXPECT_THAT(Delivered(), ElementsAre("k0", "k1"));
}

TEST_F(TriggerTest, HandlerWritesCommitWithTheCheckpoint) {
  TS_ASSERT_OK(engine_->CreateTable(
      test::TableRequest("Tally", {"name"}, std::nullopt, std::nullopt)));
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("tally")));
  int invocations = 0;
  TS_ASSERT_OK(runtime_->RegisterHandler(
      "tally", [&](const TriggerBatch& batch) {
        ++invocations;
        TriggerResponse response;
        UpdateItemRequest add;
        add.table_name = "Tally";
        add.key = {{"name", test::S("votes")}};
        add.update_expression = "ADD n :n";
        add.placeholders.values =
            Item{{":n", test::N(std::to_string(batch.records.size()))}};
        response.writes.push_back(add);
        return response;
      }));
  PutKeys(0, 5);
  RunUntilIdle();
  PutKeys(5, 2);
  RunUntilIdle();
  EXPECT_EQ(invocations, 2);
  auto tally = test::Get(*engine_, "Tally", {{"name", test::S("votes")}});
  ASSERT_TRUE(tally.has_value());
  EXPECT_EQ(tally->at("n").scalar(), "7");
  TS_ASSERT_OK_AND_ASSIGN(
      ConsumerDescription consumer,
      engine_->DescribeConsumer({arn_, "esm-" + m.uuid}));
  EXPECT_EQ(consumer.records_behind, 0);
}

TEST_F(TriggerTest, UpdateChangesOptionsAndDisablingPauses) {
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f")));
  RegisterRecorder("f");
  UpdateEventSourceMappingRequest u{m.uuid};
  u.options.enabled = false;
  u.options.batch_size = 2;
  clock_->AdvanceSeconds(3);
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->UpdateEventSourceMapping(u));
  EXPECT_EQ(m.state, "Disabled");
  EXPECT_EQ(m.batch_size, 2);
  EXPECT_DOUBLE_EQ(m.last_modified, test::kTestEpochMicros / 1e6 + 3);
  PutKeys(0, 3);
  EXPECT_EQ(RunUntilIdle(), 0);
  u.options = {};
  u.options.enabled = true;
  u.options.batch_size = 0;
  EXPECT_EQ(ExceptionName(runtime_->UpdateEventSourceMapping(u).status()),
            kInvalidParameterValueException);
  u.options.batch_size.reset();
  TS_ASSERT_OK(runtime_->UpdateEventSourceMapping(u));
  EXPECT_EQ(RunUntilIdle(), 2);  // resumes from the checkpoint, 2 at a time
  EXPECT_THAT(Delivered(), ElementsAre("k0", "k1", "k2"));
}

TEST_F(TriggerTest, DeleteRemovesTheMappingAndItsCheckpoint) {
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f")));
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping gone,
                          runtime_->DeleteEventSourceMapping(m.uuid));
  EXPECT_EQ(gone.state, "Deleting");
  EXPECT_EQ(ExceptionName(
                engine_->DescribeConsumer({arn_, "esm-" + m.uuid}).status()),
            kResourceNotFoundException);
  OpenAll();
  TS_ASSERT_OK_AND_ASSIGN(auto list, runtime_->ListEventSourceMappings({}));
  EXPECT_TRUE(list.empty());
}

TEST_F(TriggerTest, ParentShardIsProcessedBeforeItsChild) {
  options_.shard_rollover_records = 3;
  OpenAll();
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f")));
  RegisterRecorder("f");
  PutKeys(0, 10);
  RunUntilIdle();
  EXPECT_THAT(Delivered(), ElementsAre("k0", "k1", "k2", "k3", "k4", "k5",
                                       "k6", "k7", "k8", "k9"));
  TS_ASSERT_OK_AND_ASSIGN(auto shards, test::ListShards(*engine_, arn_));
  EXPECT_GT(shards.size(), 1u);
}

TEST_F(TriggerTest, BackgroundDriverDeliversCommits) {
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f")));
  absl::Mutex mu;
  int delivered = 0;
  TS_ASSERT_OK(runtime_->RegisterHandler("f", [&](const TriggerBatch& b) {
    absl::MutexLock lock(&mu);
    delivered += static_cast<int>(b.records.size());
    return TriggerResponse();
  }));
  runtime_->Start();
  PutKeys(0, 20);
  {
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(
        +[](int* n) { return *n == 20; }, &delivered));
  }
  runtime_->Stop();
  EXPECT_EQ(delivered, 20);
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
