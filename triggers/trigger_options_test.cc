// Copyright 2026 The tablestream Authors.
//
// FilterCriteria (filtered records are consumed, not retried),
// ParallelizationFactor (order per item key, a failing key does not block
// the others) and tumbling windows (state passed within a window, a final
// invoke, the checkpoint held until the window closes).

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "triggers/trigger_test_fixture.h"

namespace tablestream {
namespace triggers {
namespace {

using ::testing::ElementsAre;

TEST_F(TriggerTest, FilteredRecordsAreConsumedNotDelivered) {
  EventSourceMappingOptions o;
  o.filter_criteria =
      R"({"Filters": [{"Pattern": "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": [{\"prefix\": \"a\"}]}}}}"}]})";
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f", o)));
  RegisterRecorder("f");
  PutKeys(0, 2, "a");
  PutKeys(0, 2, "b");
  // A MODIFY of a0: filtered out.
  TS_ASSERT_OK(test::Put(*engine_, "Votes",
                         {{"pk", test::S("a0")}, {"v", test::N("99")}}));
  RunUntilIdle();
  EXPECT_THAT(Delivered(), ElementsAre("a0", "a1"));
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(m.metrics.records_filtered, 3);
  EXPECT_EQ(m.metrics.records_delivered, 2);
  EXPECT_TRUE(CaughtUp());
}

TEST_F(TriggerTest, OnlyFilteredRecordsMoveTheCheckpointWithoutInvoking) {
  EventSourceMappingOptions o;
  o.filter_criteria =
      R"({"Filters": [{"Pattern": "{\"eventName\": [\"REMOVE\"]}"}]})";
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  RegisterRecorder("f");
  PutKeys(0, 5);
  EXPECT_EQ(RunUntilIdle(), 0);
  EXPECT_TRUE(CaughtUp());
}

TEST_F(TriggerTest, ParallelizationIsolatesAFailingKeysSubQueue) {
  EventSourceMappingOptions o;
  o.parallelization_factor = 4;
  o.batch_size = 3;
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  bool fail_k0 = true;
  std::map<std::string, int> succeeded;
  TS_ASSERT_OK(runtime_->RegisterHandler("f", [&](const TriggerBatch& b) {
    TriggerResponse r;
    for (const StreamRecord& rec : b.records) {
      if (fail_k0 && rec.dynamodb.keys.at("pk").scalar() == "k0") {
        r.failed = true;
      }
    }
    if (!r.failed) {
      for (const StreamRecord& rec : b.records) {
        ++succeeded[rec.dynamodb.keys.at("pk").scalar()];
      }
    }
    return r;
  }));
  // Five versions of each of 8 keys, interleaved.
  for (int version = 0; version < 5; ++version) {
    for (int k = 0; k < 8; ++k) {
      TS_ASSERT_OK(test::Put(*engine_, "Votes",
                             {{"pk", test::S("k" + std::to_string(k))},
                              {"v", test::N(std::to_string(version))}}));
    }
  }
  RunUntilIdle();
  EXPECT_EQ(succeeded["k0"], 0);
  int keys_done = 0;
  for (const auto& [key, n] : succeeded) keys_done += (n == 5);
  // The other sub-queues went on while k0's was blocked.
  EXPECT_GE(keys_done, 1);
  EXPECT_LT(keys_done, 8);
  fail_k0 = false;
  clock_->AdvanceSeconds(1);
  RunUntilIdle();
  for (int k = 0; k < 8; ++k) {
    EXPECT_EQ(succeeded["k" + std::to_string(k)], 5) << k;
  }
  EXPECT_TRUE(CaughtUp());
}

TEST_F(TriggerTest, ParallelSubQueuesDeliverEachKeyInCommitOrder) {
  EventSourceMappingOptions o;
  o.parallelization_factor = 3;
  o.batch_size = 2;
  TS_ASSERT_OK(runtime_->CreateEventSourceMapping(Mapping("f", o)));
  std::map<std::string, std::vector<int>> versions;
  TS_ASSERT_OK(runtime_->RegisterHandler("f", [&](const TriggerBatch& b) {
    for (const StreamRecord& r : b.records) {
      versions[r.dynamodb.keys.at("pk").scalar()].push_back(
          std::stoi(r.dynamodb.new_image->at("v").scalar()));
    }
    return TriggerResponse();
  }));
  for (int version = 0; version < 6; ++version) {
    for (int k = 0; k < 5; ++k) {
      TS_ASSERT_OK(test::Put(*engine_, "Votes",
                             {{"pk", test::S("k" + std::to_string(k))},
                              {"v", test::N(std::to_string(version))}}));
    }
  }
  RunUntilIdle();
  ASSERT_EQ(versions.size(), 5u);
  for (const auto& [key, seen] : versions) {
    EXPECT_THAT(seen, ElementsAre(0, 1, 2, 3, 4, 5)) << key;
  }
}

TEST_F(TriggerTest, TumblingWindowPassesStateAndEndsWithAFinalInvoke) {
  EventSourceMappingOptions o;
  o.tumbling_window_in_seconds = 60;
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f", o)));
  std::vector<std::string> states_seen;
  std::vector<bool> finals;
  TS_ASSERT_OK(runtime_->RegisterHandler("f", [&](const TriggerBatch& b) {
    EXPECT_TRUE(b.window.has_value());
    states_seen.push_back(b.window->state_json);
    finals.push_back(b.window->is_final_invoke_for_window);
    int count = 0;
    if (b.window->state_json != "{}") {
      count = std::stoi(b.window->state_json.substr(
          b.window->state_json.find(':') + 1));
    }
    count += static_cast<int>(b.records.size());
    TriggerResponse r;
    r.state_json = "{\"count\":" + std::to_string(count) + "}";
    return r;
  }));
  PutKeys(0, 2);
  RunUntilIdle();
  clock_->AdvanceSeconds(10);
  PutKeys(2, 3);
  RunUntilIdle();
  // The window is open: its records are not checkpointed.
  TS_ASSERT_OK_AND_ASSIGN(
      ConsumerDescription consumer,
      engine_->DescribeConsumer({arn_, "esm-" + m.uuid}));
  EXPECT_EQ(consumer.records_behind, 5);
  clock_->AdvanceSeconds(50);  // the window [0, 60) ends
  RunUntilIdle();
  EXPECT_THAT(states_seen, ElementsAre("{}", "{\"count\":2}",
                                       "{\"count\":5}"));
  EXPECT_THAT(finals, ElementsAre(false, false, true));
  TS_ASSERT_OK_AND_ASSIGN(
      consumer, engine_->DescribeConsumer({arn_, "esm-" + m.uuid}));
  EXPECT_EQ(consumer.records_behind, 0);
  // A new window starts with fresh state.
  PutKeys(5, 1);
  RunUntilIdle();
  EXPECT_EQ(states_seen.back(), "{}");
}

TEST_F(TriggerTest, TumblingWindowResponseWithoutStateFails) {
  EventSourceMappingOptions o;
  o.tumbling_window_in_seconds = 30;
  TS_ASSERT_OK_AND_ASSIGN(EventSourceMapping m,
                          runtime_->CreateEventSourceMapping(Mapping("f", o)));
  RegisterRecorder("f");  // answers without state
  PutKeys(0, 1);
  RunUntilIdle();
  TS_ASSERT_OK_AND_ASSIGN(m, runtime_->GetEventSourceMapping(m.uuid));
  EXPECT_EQ(m.metrics.errors, 1);
  EXPECT_EQ(m.metrics.records_delivered, 0);
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
