// Copyright 2026 The tablestream Authors.
//
// The fixture of the trigger runtime tests: an engine on a ManualClock in a
// temporary directory, a table "Votes" (hash key "pk", NEW_AND_OLD_IMAGES
// stream), a TriggerRuntime on the same clock, and a recording handler.

#ifndef TABLESTREAM_TRIGGERS_TRIGGER_TEST_FIXTURE_H_
#define TABLESTREAM_TRIGGERS_TRIGGER_TEST_FIXTURE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tablestream/engine.h"
#include "tablestream/errors.h"
#include "tablestream/triggers.h"
#include "tests/test_util.h"

namespace tablestream {
namespace triggers {

class TriggerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = test::NewTestClock();
    options_ = test::TestOptions(clock_);
    options_.retention_interval_seconds = 0;
    OpenAll();
    TS_ASSERT_OK(engine_->CreateTable(test::TableRequest(
        "Votes", {"pk"}, std::nullopt, StreamViewType::kNewAndOldImages)));
    auto arn = test::LatestStreamArn(*engine_, "Votes");
    TS_ASSERT_OK(arn);
    arn_ = *arn;
  }

  // (Re)opens the engine and the runtime, as after a restart; handlers
  // must be registered again.
  void OpenAll() {
    runtime_.reset();
    engine_.reset();
    auto engine = Engine::Open(options_, dir_.path());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = *std::move(engine);
    TriggerRuntimeOptions runtime_options;
    runtime_options.clock = clock_;
    auto runtime = TriggerRuntime::Open(engine_.get(), runtime_options);
    ASSERT_TRUE(runtime.ok()) << runtime.status();
    runtime_ = *std::move(runtime);
  }

  CreateEventSourceMappingRequest Mapping(const std::string& function,
                                          EventSourceMappingOptions options =
                                              {}) {
    CreateEventSourceMappingRequest request;
    request.event_source_arn = arn_;
    request.function_name = function;
    request.starting_position = "TRIM_HORIZON";
    request.options = std::move(options);
    return request;
  }

  // Registers `function` as a handler that records each batch's sequence
  // numbers in `batches_` and then answers with `respond` (success if
  // unset).
  void RegisterRecorder(
      const std::string& function,
      std::function<TriggerResponse(const TriggerBatch&)> respond = nullptr) {
    TS_ASSERT_OK(runtime_->RegisterHandler(
        function, [this, respond](const TriggerBatch& batch) {
          std::vector<std::string> keys;
          for (const StreamRecord& r : batch.records) {
            keys.push_back(r.dynamodb.keys.at("pk").scalar());
          }
          batches_.push_back(keys);
          return respond ? respond(batch) : TriggerResponse();
        }));
  }

  void PutKeys(int first, int count, const std::string& prefix = "k") {
    for (int i = first; i < first + count; ++i) {
      TS_ASSERT_OK(test::Put(*engine_, "Votes",
                             {{"pk", test::S(prefix + std::to_string(i))},
                              {"v", test::N(std::to_string(i))}}));
    }
  }

  int RunUntilIdle() {
    auto n = runtime_->RunUntilIdle();
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  // Whether every runnable mapping has checkpointed every record.
  bool CaughtUp() {
    auto caught_up = runtime_->CaughtUp();
    EXPECT_TRUE(caught_up.ok()) << caught_up.status();
    return caught_up.ok() && *caught_up;
  }

  std::vector<std::string> Delivered() const {
    std::vector<std::string> all;
    for (const auto& b : batches_) all.insert(all.end(), b.begin(), b.end());
    return all;
  }

  test::TempDir dir_;
  std::shared_ptr<ManualClock> clock_;
  Options options_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<TriggerRuntime> runtime_;
  std::string arn_;
  std::vector<std::vector<std::string>> batches_;
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_TRIGGER_TEST_FIXTURE_H_
