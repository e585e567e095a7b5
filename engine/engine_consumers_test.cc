// Copyright 2026 The tablestream Authors.
//
// Consumers: create/list/describe/reset/delete and their errors, reading
// from and checkpointing a position, checkpoint bounds, lag figures by the
// fixture's ManualClock, expired positions and skipped ranges, consumer
// retention, exactly-once commits, and reads that wait for a commit.

#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "engine/engine_test_fixture.h"
#include "gmock/gmock.h"

namespace tablestream {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kHour = 3600;

class ConsumersTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Init();
  }
  void Init() {
    CreateTable("Tab");
    arn_ = LatestStreamArn("Tab");
  }

  void PutKey(int i) {
    ASSERT_TRUE(Put("Tab", {{"pk", S(absl::StrCat("k", i))}}).ok());
  }

  absl::StatusOr<ConsumerDescription> Create(
      const std::string& name,
      ShardIteratorType from = ShardIteratorType::kTrimHorizon) {
    CreateConsumerRequest request;
    request.stream_arn = arn_;
    request.consumer_name = name;
    request.starting_position = from;
    return engine_->CreateConsumer(request);
  }

  absl::StatusOr<ConsumerBatch> Read(const std::string& name,
                                     std::optional<int> limit = {},
                                     int64_t wait_millis = 0) {
    ReadConsumerRequest request;
    request.stream_arn = arn_;
    request.consumer_name = name;
    request.limit = limit;
    request.wait_millis = wait_millis;
    return engine_->ReadConsumer(request);
  }

  absl::Status Checkpoint(const std::string& name, const ConsumerBatch& b) {
    return engine_->CheckpointConsumer(
        {arn_, name, b.shard_id, b.records.back().dynamodb.sequence_number});
  }

  // The pk of each record.
  static std::vector<std::string> Keys(const std::vector<StreamRecord>& rs) {
    std::vector<std::string> keys;
    for (const StreamRecord& r : rs) {
      keys.push_back(r.dynamodb.keys.at("pk").scalar());
    }
    return keys;
  }

  // Reads and checkpoints until caught up; returns the keys read.
  std::vector<std::string> Drain(const std::string& name) {
    std::vector<std::string> keys;
    while (true) {
      auto batch = Read(name, 3);
      EXPECT_TRUE(batch.ok()) << batch.status();
      if (!batch.ok() || batch->records.empty()) return keys;
      for (auto& k : Keys(batch->records)) keys.push_back(k);
      EXPECT_TRUE(Checkpoint(name, *batch).ok());
    }
  }

  std::string arn_;
};

TEST_F(ConsumersTest, CreateListDescribeDelete) {
  PutKey(1);
  PutKey(2);
  auto created = Create("b-consumer");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->consumer_name, "b-consumer");
  EXPECT_EQ(created->records_behind, 2);
  ASSERT_EQ(created->shards.size(), 1u);
  EXPECT_EQ(created->shards[0].next_sequence_number, "100000000000000000001");
  ASSERT_TRUE(Create("a.consumer_1", ShardIteratorType::kLatest).ok());

  auto list = engine_->ListConsumers(arn_);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->consumers.size(), 2u);
  EXPECT_EQ(list->consumers[0].consumer_name, "a.consumer_1");
  EXPECT_EQ(list->consumers[0].creation_date_time, kStartMicros / 1e6);
  EXPECT_EQ(list->consumers[1].consumer_name, "b-consumer");

  auto latest = engine_->DescribeConsumer({arn_, "a.consumer_1"});
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->records_behind, 0);
  EXPECT_EQ(latest->shards[0].next_sequence_number, "100000000000000000003");

  ASSERT_TRUE(engine_->DeleteConsumer({arn_, "a.consumer_1"}).ok());
  list = engine_->ListConsumers(arn_);
  ASSERT_EQ(list->consumers.size(), 1u);
  // Consumers and their positions survive a reopen.
  Reopen();
  auto again = engine_->DescribeConsumer({arn_, "b-consumer"});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->records_behind, 2);
  EXPECT_EQ(
      ExceptionName(engine_->DescribeConsumer({arn_, "a.consumer_1"}).status()),
      kResourceNotFoundException);
}

TEST_F(ConsumersTest, TypedErrors) {
  ASSERT_TRUE(Create("c").ok());
  EXPECT_EQ(ExceptionName(Create("c").status()), kResourceInUseException);
  EXPECT_EQ(ExceptionName(Create("").status()), kValidationException);
  EXPECT_EQ(ExceptionName(Create("bad name").status()), kValidationException);
  EXPECT_EQ(ExceptionName(Create(std::string(256, 'a')).status()),
            kValidationException);
  EXPECT_EQ(ExceptionName(
                Create("x", ShardIteratorType::kAfterSequenceNumber).status()),
            kValidationException);
  // AT_TIMESTAMP needs a timestamp.
  EXPECT_EQ(
      ExceptionName(Create("x", ShardIteratorType::kAtTimestamp).status()),
      kValidationException);

  const std::string unknown_stream =
      "arn:aws:dynamodb:us-east-1:000000000000:table/Nope/stream/x";
  EXPECT_EQ(ExceptionName(engine_->ListConsumers(unknown_stream).status()),
            kResourceNotFoundException);
  EXPECT_EQ(
      ExceptionName(engine_->DescribeConsumer({unknown_stream, "c"}).status()),
      kResourceNotFoundException);
  EXPECT_EQ(ExceptionName(engine_->ListConsumers("not-an-arn").status()),
            kValidationException);
  for (const std::string& name : {std::string("nope")}) {
    EXPECT_EQ(ExceptionName(engine_->DescribeConsumer({arn_, name}).status()),
              kResourceNotFoundException);
    EXPECT_EQ(ExceptionName(engine_->DeleteConsumer({arn_, name})),
              kResourceNotFoundException);
    EXPECT_EQ(ExceptionName(Read(name).status()), kResourceNotFoundException);
    EXPECT_EQ(ExceptionName(engine_->ResetConsumer({arn_, name}).status()),
              kResourceNotFoundException);
  }
  EXPECT_EQ(ExceptionName(Read("c", 0).status()), kValidationException);
  EXPECT_EQ(ExceptionName(Read("c", 1, -1).status()), kValidationException);
  // AT_SEQUENCE_NUMBER needs a shard and a sequence number.
  ResetConsumerRequest reset{arn_, "c", ShardIteratorType::kAtSequenceNumber};
  EXPECT_EQ(ExceptionName(engine_->ResetConsumer(reset).status()),
            kValidationException);
}

TEST_F(ConsumersTest, ReadIsAtLeastOnceUntilCheckpointed) {
  for (int i = 0; i < 5; ++i) PutKey(i);
  ASSERT_TRUE(Create("c").ok());
  auto first = Read("c", 2);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(Keys(first->records), ElementsAre("k0", "k1"));
  // No checkpoint: the same batch again, also after a reopen (a crash).
  Reopen();
  auto again = Read("c", 2);
  ASSERT_TRUE(again.ok());
  EXPECT_THAT(Keys(again->records), ElementsAre("k0", "k1"));
  ASSERT_TRUE(Checkpoint("c", *again).ok());
  Reopen();
  EXPECT_THAT(Drain("c"), ElementsAre("k2", "k3", "k4"));
  // Caught up: an empty batch, not the end of the stream.
  auto empty = Read("c");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->records.empty());
  EXPECT_FALSE(empty->stream_ended);
}

TEST_F(ConsumersTest, CheckpointNeverPassesTheEndOrMovesBackwards) {
  for (int i = 0; i < 3; ++i) PutKey(i);
  ASSERT_TRUE(Create("c").ok());
  auto batch = Read("c");
  ASSERT_TRUE(batch.ok());
  const std::string shard = batch->shard_id;
  // Beyond the last committed record (3).
  absl::Status beyond =
      engine_->CheckpointConsumer({arn_, "c", shard, "100000000000000000004"});
  EXPECT_EQ(ExceptionName(beyond), kValidationException);
  EXPECT_THAT(beyond.message(), HasSubstr("past the end"));
  ASSERT_TRUE(
      engine_->CheckpointConsumer({arn_, "c", shard, "100000000000000000002"})
          .ok());
  // The same checkpoint again is accepted; an earlier one is not.
  EXPECT_TRUE(
      engine_->CheckpointConsumer({arn_, "c", shard, "100000000000000000002"})
          .ok());
  absl::Status backwards =
      engine_->CheckpointConsumer({arn_, "c", shard, "100000000000000000001"});
  EXPECT_EQ(ExceptionName(backwards), kValidationException);
  EXPECT_THAT(backwards.message(), HasSubstr("backwards"));
  EXPECT_EQ(
      ExceptionName(engine_->CheckpointConsumer({arn_, "c", shard, "12"})),
      kValidationException);
  EXPECT_EQ(ExceptionName(engine_->CheckpointConsumer(
                {arn_, "c", "shardId-nope", "100000000000000000001"})),
            kResourceNotFoundException);
  auto d = engine_->DescribeConsumer({arn_, "c"});
  EXPECT_EQ(d->shards[0].next_sequence_number, "100000000000000000003");
  EXPECT_EQ(d->records_behind, 1);
}

TEST_F(ConsumersTest, LagFiguresFollowTheClock) {
  ASSERT_TRUE(Create("c").ok());
  PutKey(0);  // at t0
  clock_->AdvanceSeconds(100);
  PutKey(1);
  PutKey(2);  // at t0 + 100
  clock_->AdvanceSeconds(20);
  auto d = engine_->DescribeConsumer({arn_, "c"});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->records_behind, 3);
  EXPECT_DOUBLE_EQ(d->lag_seconds, 120);
  ASSERT_TRUE(d->seconds_until_expiry.has_value());
  EXPECT_DOUBLE_EQ(*d->seconds_until_expiry, 86400 - 120);
  ASSERT_TRUE(Checkpoint("c", *Read("c", 1)).ok());
  d = engine_->DescribeConsumer({arn_, "c"});
  EXPECT_EQ(d->records_behind, 2);
  EXPECT_DOUBLE_EQ(d->lag_seconds, 20);
  EXPECT_DOUBLE_EQ(*d->seconds_until_expiry, 86400 - 20);
  Drain("c");
  d = engine_->DescribeConsumer({arn_, "c"});
  EXPECT_EQ(d->records_behind, 0);
  EXPECT_EQ(d->lag_seconds, 0);
  EXPECT_FALSE(d->seconds_until_expiry.has_value());
}

TEST_F(ConsumersTest, ExpiredPositionNeedsAnExplicitResetAndIsRecorded) {
  ASSERT_TRUE(Create("c").ok());
  for (int i = 0; i < 4; ++i) PutKey(i);  // sequences 1..4
  clock_->AdvanceSeconds(25 * kHour);
  PutKey(4);  // sequence 5, fresh
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  auto lost = Read("c");
  EXPECT_EQ(ExceptionName(lost.status()), kTrimmedDataAccessException);
  EXPECT_THAT(lost.status().message(),
              HasSubstr("100000000000000000001 to 100000000000000000004"));
  // Still lost after a reopen: nothing moved the consumer silently.
  Reopen();
  EXPECT_EQ(ExceptionName(Read("c").status()), kTrimmedDataAccessException);
  auto d = engine_->DescribeConsumer({arn_, "c"});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->shards[0].expired);
  // A checkpoint does not skip the lost range either.
  EXPECT_EQ(ExceptionName(engine_->CheckpointConsumer(
                {arn_, "c", d->shards[0].shard_id, "100000000000000000005"})),
            kTrimmedDataAccessException);

  auto reset = engine_->ResetConsumer({arn_, "c"});  // TRIM_HORIZON
  ASSERT_TRUE(reset.ok()) << reset.status();
  EXPECT_FALSE(reset->shards[0].expired);
  ASSERT_EQ(reset->skipped_ranges.size(), 1u);
  EXPECT_EQ(reset->skipped_ranges[0].first_sequence_number,
            "100000000000000000001");
  EXPECT_EQ(reset->skipped_ranges[0].last_sequence_number,
            "100000000000000000004");
  EXPECT_THAT(reset->skipped_ranges[0].reason, HasSubstr("expired"));
  EXPECT_THAT(Drain("c"), ElementsAre("k4"));
  Reopen();
  EXPECT_EQ(engine_->DescribeConsumer({arn_, "c"})->skipped_ranges.size(), 1u);
}

TEST_F(ConsumersTest, ResetToLatestAtSequenceAndAtTimestamp) {
  ASSERT_TRUE(Create("c").ok());
  for (int i = 0; i < 3; ++i) PutKey(i);
  clock_->AdvanceSeconds(60);
  for (int i = 3; i < 5; ++i) PutKey(i);
  auto latest = engine_->ResetConsumer({arn_, "c", ShardIteratorType::kLatest});
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(latest->records_behind, 0);
  ASSERT_EQ(latest->skipped_ranges.size(), 1u);
  EXPECT_EQ(latest->skipped_ranges[0].reason, "reset to LATEST");
  EXPECT_EQ(latest->skipped_ranges[0].last_sequence_number,
            "100000000000000000005");
  // Backwards, explicitly.
  const std::string shard = latest->shards[0].shard_id;
  ResetConsumerRequest at{arn_, "c", ShardIteratorType::kAtSequenceNumber,
                          shard, "100000000000000000002"};
  ASSERT_TRUE(engine_->ResetConsumer(at).ok());
  EXPECT_THAT(Drain("c"), ElementsAre("k1", "k2", "k3", "k4"));
  ResetConsumerRequest by_time{arn_, "c", ShardIteratorType::kAtTimestamp};
  by_time.timestamp = kStartMicros / 1e6 + 30;
  ASSERT_TRUE(engine_->ResetConsumer(by_time).ok());
  EXPECT_THAT(Drain("c"), ElementsAre("k3", "k4"));
  at.sequence_number = "100000000000000000009";
  EXPECT_EQ(ExceptionName(engine_->ResetConsumer(at).status()),
            kValidationException);
}

TEST_F(ConsumersTest, FollowsShardRolloverInLineageOrder) {
  options_.shard_rollover_records = 3;
  Reopen();
  ASSERT_TRUE(Create("c").ok());
  std::vector<std::string> expected;
  for (int i = 0; i < 10; ++i) {
    PutKey(i);
    expected.push_back(absl::StrCat("k", i));
  }
  auto d = engine_->DescribeStream({arn_});
  ASSERT_GT(d->shards.size(), 2u);
  EXPECT_EQ(Drain("c"), expected);
  auto described = engine_->DescribeConsumer({arn_, "c"});
  ASSERT_TRUE(described.ok());
  EXPECT_EQ(described->records_behind, 0);
  EXPECT_TRUE(described->shards[0].finished);
  EXPECT_TRUE(described->shards[1].parent_shard_id.has_value());
}

TEST_F(ConsumersTest, EndsWithADisabledStream) {
  ASSERT_TRUE(Create("c").ok());
  PutKey(0);
  UpdateTableRequest disable{"Tab", StreamSpecification{false, {}}};
  ASSERT_TRUE(engine_->UpdateTable(disable).ok());
  EXPECT_THAT(Drain("c"), ElementsAre("k0"));
  auto end = Read("c");
  ASSERT_TRUE(end.ok());
  EXPECT_TRUE(end->stream_ended);
}

TEST_F(ConsumersTest, ConsumerRetentionHoldsRecordsUpToTheCap) {
  options_.consumer_retention_cap_seconds = 48 * kHour;
  Reopen();
  ASSERT_TRUE(Create("slow").ok());
  for (int i = 0; i < 3; ++i) PutKey(i);
  clock_->AdvanceSeconds(25 * kHour);
  PutKey(3);
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  // Older than the retention period, but held for the consumer.
  auto held = Read("slow", 1);
  ASSERT_TRUE(held.ok()) << held.status();
  EXPECT_THAT(Keys(held->records), ElementsAre("k0"));
  ASSERT_TRUE(Checkpoint("slow", *held).ok());
  auto d = engine_->DescribeConsumer({arn_, "slow"});
  EXPECT_DOUBLE_EQ(*d->seconds_until_expiry, 23 * kHour);
  // What it processed is released.
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  auto shard = engine_->DescribeStream({arn_})->shards[0];
  EXPECT_EQ(shard.sequence_number_range.starting_sequence_number,
            "100000000000000000002");
  // Past the cap the records go anyway, and the consumer is told.
  clock_->AdvanceSeconds(24 * kHour);
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  auto lost = Read("slow");
  EXPECT_EQ(ExceptionName(lost.status()), kTrimmedDataAccessException)
      << lost.status();
  EXPECT_THAT(lost.status().message(),
              HasSubstr("100000000000000000002 to 100000000000000000003"));
}

TEST_F(ConsumersTest, WithoutTheOptionConsumersHoldNothing) {
  ASSERT_TRUE(Create("slow").ok());
  PutKey(0);
  clock_->AdvanceSeconds(25 * kHour);
  EXPECT_EQ(ExceptionName(Read("slow").status()), kTrimmedDataAccessException);
}

TEST_F(ConsumersTest, CommitWithCheckpointIsAtomicAndNeverAppliesTwice) {
  CreateTable("Tally", std::nullopt);
  ASSERT_TRUE(Create("tally").ok());
  for (int i = 0; i < 4; ++i) PutKey(i);
  auto batch = Read("tally", 2);
  ASSERT_TRUE(batch.ok());
  auto commit = [&](const ConsumerBatch& b, int votes) {
    UpdateItemRequest add;
    add.table_name = "Tally";
    add.key = {{"pk", S("votes")}};
    add.attribute_updates["n"] = {AttributeAction::kAdd,
                                  N(std::to_string(votes))};
    CommitWithCheckpointRequest request;
    request.checkpoint = {arn_, "tally", b.shard_id,
                          b.records.back().dynamodb.sequence_number};
    request.first_sequence_number = b.records.front().dynamodb.sequence_number;
    request.writes.push_back(add);
    return engine_->CommitWithCheckpoint(request);
  };
  ASSERT_TRUE(commit(*batch, 2).ok());
  // The same batch again (a second instance, or a retry): refused, nothing
  // applied.
  EXPECT_EQ(ExceptionName(commit(*batch, 2)), kValidationException);
  auto tally = [&] {
    auto item = Get("Tally", {{"pk", S("votes")}});
    return item.ok() && item->has_value() ? (**item).at("n").scalar() : "";
  };
  EXPECT_EQ(tally(), "2");
  // A failing write fails the checkpoint too.
  auto next = Read("tally", 2);
  CommitWithCheckpointRequest bad;
  bad.checkpoint = {arn_, "tally", next->shard_id,
                    next->records.back().dynamodb.sequence_number};
  PutItemRequest wrong;
  wrong.table_name = "Tally";
  wrong.item = {{"nokey", S("x")}};
  bad.writes.push_back(wrong);
  EXPECT_FALSE(engine_->CommitWithCheckpoint(bad).ok());
  EXPECT_EQ(engine_->DescribeConsumer({arn_, "tally"})->records_behind, 2);
  ASSERT_TRUE(commit(*next, 2).ok());
  EXPECT_EQ(tally(), "4");
}

TEST_F(ConsumersTest, BlockedReadIsWokenByACommit) {
  ASSERT_TRUE(Create("c").ok());
  absl::Notification reading;
  absl::StatusOr<ConsumerBatch> result;
  // The wait is only a failure guard: the commit below ends it.
  std::thread reader([&] {
    reading.Notify();
    result = Read("c", {}, 60 * 1000);
  });
  reading.WaitForNotification();
  PutKey(7);
  reader.join();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(Keys(result->records), ElementsAre("k7"));
}

TEST_F(ConsumersTest, BlockedGetRecordsIsWokenByACommitAndByAShardClose) {
  auto shards = engine_->DescribeStream({arn_})->shards;
  auto iterator = engine_->GetShardIterator(
      {arn_, shards[0].shard_id, ShardIteratorType::kLatest, {}});
  ASSERT_TRUE(iterator.ok());
  absl::StatusOr<GetRecordsResult> page;
  std::thread reader([&] {
    GetRecordsRequest request{*iterator, {}};
    request.wait_millis = 60 * 1000;
    page = engine_->GetRecords(request);
  });
  PutKey(1);
  reader.join();
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 1u);
  ASSERT_TRUE(page->next_shard_iterator.has_value());

  // Disabling the stream closes the shard: the waiting reader returns with
  // no next iterator.
  std::string next = *page->next_shard_iterator;
  std::thread closed_reader([&] {
    GetRecordsRequest request{next, {}};
    request.wait_millis = 60 * 1000;
    page = engine_->GetRecords(request);
  });
  UpdateTableRequest disable{"Tab", StreamSpecification{false, {}}};
  ASSERT_TRUE(engine_->UpdateTable(disable).ok());
  closed_reader.join();
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_TRUE(page->records.empty());
  EXPECT_FALSE(page->next_shard_iterator.has_value());
}

TEST_F(ConsumersTest, WaitEndsAtTheTimeoutWithNothingNew) {
  ASSERT_TRUE(Create("c").ok());
  auto batch = Read("c", {}, 20);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->records.empty());
  auto shards = engine_->DescribeStream({arn_})->shards;
  auto iterator = engine_->GetShardIterator(
      {arn_, shards[0].shard_id, ShardIteratorType::kLatest, {}});
  GetRecordsRequest request{*iterator, {}};
  request.wait_millis = 20;
  auto page = engine_->GetRecords(request);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_TRUE(page->records.empty());
  EXPECT_TRUE(page->next_shard_iterator.has_value());
  request.wait_millis = -5;
  EXPECT_EQ(ExceptionName(engine_->GetRecords(request).status()),
            kValidationException);
}

}  // namespace
}  // namespace tablestream
