// Copyright 2026 The tablestream Authors.
//
// A test fixture for engine tests: a fresh database in a temporary
// directory, a ManualClock, and shorthands for common requests.

#ifndef TABLESTREAM_ENGINE_ENGINE_TEST_FIXTURE_H_
#define TABLESTREAM_ENGINE_ENGINE_TEST_FIXTURE_H_

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tablestream/engine.h"
#include "tablestream/errors.h"

namespace tablestream {

class EngineTest : public ::testing::Test {
 protected:
  // 2023-11-14T22:13:20Z.
  static constexpr int64_t kStartMicros = 1700000000000000;

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat(
               "engine_test_", getpid(), "_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    clock_ = std::make_shared<ManualClock>(kStartMicros);
    options_.clock = clock_;
    options_.durable_writes = false;  // tests do not need fsync
    // Tests run retention passes themselves (Engine::TrimExpiredRecords).
    options_.retention_interval_seconds = 0;
    Reopen();
  }

  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Closes and opens the engine again with options_.
  void Reopen() {
    engine_.reset();
    auto engine = Engine::Open(options_, dir_.string());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }

  // Creates a table keyed by pk (S) [and sk of `sort_type`].
  void CreateTable(
      const std::string& name,
      std::optional<StreamViewType> view = StreamViewType::kNewAndOldImages,
      std::optional<ScalarAttributeType> sort_type = {}) {
    CreateTableRequest request;
    request.table_name = name;
    request.key_schema.push_back({"pk", KeyType::kHash});
    request.attribute_definitions.push_back({"pk", ScalarAttributeType::kS});
    if (sort_type) {
      request.key_schema.push_back({"sk", KeyType::kRange});
      request.attribute_definitions.push_back({"sk", *sort_type});
    }
    if (view) request.stream_specification = StreamSpecification{true, view};
    auto result = engine_->CreateTable(request);
    ASSERT_TRUE(result.ok()) << result.status();
  }

  absl::Status Put(const std::string& table, Item item) {
    PutItemRequest request;
    request.table_name = table;
    request.item = std::move(item);
    return engine_->PutItem(request).status();
  }

  absl::StatusOr<std::optional<Item>> Get(const std::string& table, Item key) {
    GetItemRequest request;
    request.table_name = table;
    request.key = std::move(key);
    return engine_->GetItem(request);
  }

  absl::Status Delete(const std::string& table, Item key) {
    DeleteItemRequest request;
    request.table_name = table;
    request.key = std::move(key);
    return engine_->DeleteItem(request).status();
  }

  std::string LatestStreamArn(const std::string& table) {
    auto d = engine_->DescribeTable(table);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() && d->latest_stream_arn ? *d->latest_stream_arn : "";
  }

  // Every record of every shard of `stream_arn`, from TRIM_HORIZON.
  std::vector<StreamRecord> ReadAll(const std::string& stream_arn) {
    std::vector<StreamRecord> out;
    auto d = engine_->DescribeStream({stream_arn});
    EXPECT_TRUE(d.ok()) << d.status();
    if (!d.ok()) return out;
    for (const Shard& shard : d->shards) {
      auto it = engine_->GetShardIterator(
          {stream_arn, shard.shard_id, ShardIteratorType::kTrimHorizon, {}});
      EXPECT_TRUE(it.ok()) << it.status();
      std::optional<std::string> iterator = *it;
      while (iterator) {
        auto page = engine_->GetRecords({*iterator, {}});
        EXPECT_TRUE(page.ok()) << page.status();
        if (!page.ok() || page->records.empty()) break;
        for (auto& r : page->records) out.push_back(std::move(r));
        iterator = page->next_shard_iterator;
      }
    }
    return out;
  }

  static AttributeValue S(std::string s) { return AttributeValue::S(s); }
  static AttributeValue N(std::string n) { return AttributeValue::N(n); }

  std::filesystem::path dir_;
  std::shared_ptr<ManualClock> clock_;
  Options options_;
  std::unique_ptr<Engine> engine_;
};

// Two tables, TabA and TabB, keyed by pk (S), with NEW_AND_OLD_IMAGES
// streams: for batches and transactions.
class TwoTablesTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreateTable("TabA");
    CreateTable("TabB");
  }
  static Item Key(const std::string& pk) { return {{"pk", S(pk)}}; }
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_ENGINE_TEST_FIXTURE_H_
