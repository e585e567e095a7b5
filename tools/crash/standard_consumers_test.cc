// Copyright 2026 The tablestream Authors.
//
// The consumer checks of the crash tester on hand-made states: they pass on
// an honest tally and catch a double count, a lost count, a position past
// the end of its shard and a consumer that should exist but does not.

#include "tools/crash/standard_consumers.h"

#include "engine/engine_test_fixture.h"
#include "gmock/gmock.h"
#include "tools/crash/standard_workload.h"

namespace tablestream {
namespace crash {
namespace {

using ::testing::HasSubstr;

class StandardConsumersTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    ASSERT_TRUE(engine_->CreateTable(StandardTableRequest(kItemsTable)).ok());
    CreateTableRequest tally = StandardTableRequest(kTallyTable);
    tally.stream_specification.reset();
    ASSERT_TRUE(engine_->CreateTable(tally).ok());
    arn_ = *engine_->DescribeTable(kItemsTable)->latest_stream_arn;
    for (const char* name : {kReaderConsumer, kTallyConsumer}) {
      ASSERT_TRUE(engine_->CreateConsumer({arn_, name}).ok());
    }
    // Three inserts, one modify, one remove.
    for (const char* key : {"a", "b", "c", "a"}) {
      ASSERT_TRUE(Put(kItemsTable, {{"pk", AttributeValue::S(key)},
                                    {"v", AttributeValue::S(key)},
                                    {"n", AttributeValue::N("1")}})
                      .ok());
    }
    ASSERT_TRUE(Put(kItemsTable, {{"pk", AttributeValue::S("a")}}).ok());
    DeleteItemRequest del;
    del.table_name = kItemsTable;
    del.key = {{"pk", AttributeValue::S("b")}};
    ASSERT_TRUE(engine_->DeleteItem(del).ok());
  }

  // Processes `records` records with the tally consumer, counting them into
  // Tally with CommitWithCheckpoint, plus `extra` more INSERT votes.
  void Tally(size_t records, int extra) {
    auto batch = engine_->ReadConsumer(
        {arn_, kTallyConsumer, static_cast<int>(records), 0});
    ASSERT_TRUE(batch.ok()) << batch.status();
    ASSERT_EQ(batch->records.size(), records);
    std::map<std::string, int> votes = {{"INSERT", extra}};
    for (const StreamRecord& r : batch->records) {
      ++votes[EventNameName(r.event_name)];
    }
    CommitWithCheckpointRequest commit;
    commit.checkpoint = {arn_, kTallyConsumer, batch->shard_id,
                         batch->records.back().dynamodb.sequence_number};
    for (const auto& [name, n] : votes) {
      UpdateItemRequest add;
      add.table_name = kTallyTable;
      add.key = {{"pk", AttributeValue::S(name)}};
      add.attribute_updates["n"] = {AttributeAction::kAdd,
                                    AttributeValue::N(absl::StrCat(n))};
      commit.writes.push_back(add);
    }
    ASSERT_TRUE(engine_->CommitWithCheckpoint(commit).ok());
  }

  absl::StatusOr<int64_t> Check(ConsumerExpectations expected = {true, true}) {
    auto items = ReadStreamContents(*engine_, arn_);
    if (!items.ok()) return items.status();
    return CheckConsumers(*engine_, *items, expected);
  }

  std::string arn_;
};

TEST_F(StandardConsumersTest, PassesAnHonestTally) {
  auto fresh = Check();
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  Tally(4, 0);
  auto checked = Check();
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_GT(*checked, 0);
}

TEST_F(StandardConsumersTest, CatchesABatchCountedTwice) {
  Tally(2, 1);  // one INSERT counted twice
  auto checked = Check();
  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(checked.status().message(),
              HasSubstr("Tally count of INSERT is 3 but 2 INSERT records"));
}

TEST_F(StandardConsumersTest, CatchesALostCount) {
  Tally(3, -1);
  auto checked = Check();
  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(checked.status().message(), HasSubstr("Tally count of INSERT is 2"));
}

TEST_F(StandardConsumersTest, CatchesAPositionPastTheEndOfItsShard) {
  auto batch = engine_->ReadConsumer({arn_, kReaderConsumer, 5, 0});
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE(engine_
                  ->CheckpointConsumer(
                      {arn_, kReaderConsumer, batch->shard_id,
                       batch->records.back().dynamodb.sequence_number})
                  .ok());
  auto items = ReadStreamContents(*engine_, arn_);
  ASSERT_TRUE(items.ok());
  items->shards[0].records.resize(3);  // the checker saw fewer records
  auto checked = CheckConsumers(*engine_, *items, {true, true});
  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(checked.status().message(),
              HasSubstr("consumer reader in shard"));
  EXPECT_THAT(checked.status().message(), HasSubstr("lies outside the shard"));
}

TEST_F(StandardConsumersTest, CatchesAMissingConsumerOnlyIfItsCreationWasAcknowledged) {
  ASSERT_TRUE(engine_->DeleteConsumer({arn_, kTallyConsumer}).ok());
  EXPECT_TRUE(Check({true, false}).ok());
  auto checked = Check({true, true});
  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(checked.status().message(), HasSubstr("consumer tally"));
}

}  // namespace
}  // namespace crash
}  // namespace tablestream
