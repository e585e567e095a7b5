// Copyright 2026 The tablestream Authors.
//
// Stream reads through the C++ API.

#include "engine/engine_test_fixture.h"

namespace tablestream {
namespace {

class StreamsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreateTable("Tab");
    arn_ = LatestStreamArn("Tab");
    auto d = engine_->DescribeStream({arn_});
    ASSERT_TRUE(d.ok()) << d.status();
    ASSERT_EQ(d->shards.size(), 1u);
    shard_ = d->shards[0].shard_id;
  }

  void PutN(int n, int value_bytes = 10) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(Put("Tab", {{"pk", S(absl::StrCat("k", next_++))},
                              {"v", S(std::string(value_bytes, 'v'))}})
                      .ok());
    }
  }

  std::string Iterator(ShardIteratorType type,
                       std::optional<std::string> seq = {}) {
    auto it = engine_->GetShardIterator({arn_, shard_, type, seq});
    EXPECT_TRUE(it.ok()) << it.status();
    return it.ok() ? *it : "";
  }

  std::string arn_, shard_;
  int next_ = 0;
};

TEST_F(StreamsTest, DescribeStream) {
  auto d = engine_->DescribeStream({arn_});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->stream_status, "ENABLED");
  EXPECT_EQ(d->stream_view_type, StreamViewType::kNewAndOldImages);
  EXPECT_EQ(d->table_name, "Tab");
  EXPECT_EQ(d->stream_label, "2023-11-14T22:13:20.000");
  ASSERT_EQ(d->key_schema.size(), 1u);
  EXPECT_EQ(d->shards[0].sequence_number_range.starting_sequence_number,
            "100000000000000000001");
  EXPECT_FALSE(d->shards[0].sequence_number_range.ending_sequence_number);
  EXPECT_EQ(d->shards[0].shard_id.rfind("shardId-00000001700000000000-", 0),
            0u);
  EXPECT_EQ(ExceptionName(engine_->DescribeStream({"bad"}).status()),
            kValidationException);
  EXPECT_EQ(ExceptionName(engine_->DescribeStream({arn_ + "x"}).status()),
            kResourceNotFoundException);
  auto past = engine_->DescribeStream({arn_, {}, shard_});
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->shards.empty());
}

TEST_F(StreamsTest, IteratorTypes) {
  PutN(5);
  auto read = [&](const std::string& it) {
    auto page = engine_->GetRecords({it, {}});
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->records : std::vector<StreamRecord>{};
  };
  EXPECT_EQ(read(Iterator(ShardIteratorType::kTrimHorizon)).size(), 5u);
  EXPECT_TRUE(read(Iterator(ShardIteratorType::kLatest)).empty());
  auto at = read(
      Iterator(ShardIteratorType::kAtSequenceNumber, "100000000000000000003"));
  ASSERT_EQ(at.size(), 3u);
  EXPECT_EQ(at[0].dynamodb.sequence_number, "100000000000000000003");
  auto after = read(Iterator(ShardIteratorType::kAfterSequenceNumber,
                             "100000000000000000003"));
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].dynamodb.sequence_number, "100000000000000000004");

  // LATEST then a write: the write is seen.
  std::string latest = Iterator(ShardIteratorType::kLatest);
  PutN(1);
  EXPECT_EQ(read(latest).size(), 1u);

  // Errors.
  auto bad = [&](ShardIteratorType type, std::optional<std::string> seq,
                 std::string shard, std::string_view exception) {
    auto it = engine_->GetShardIterator({arn_, shard, type, seq});
    EXPECT_EQ(ExceptionName(it.status()), exception) << it.status();
  };
  bad(ShardIteratorType::kAtSequenceNumber, {}, shard_, kValidationException);
  bad(ShardIteratorType::kTrimHorizon, "100000000000000000001", shard_,
      kValidationException);
  bad(ShardIteratorType::kAtSequenceNumber, "abc", shard_,
      kValidationException);
  bad(ShardIteratorType::kAtSequenceNumber, "100000000000000000099", shard_,
      kValidationException);
  bad(ShardIteratorType::kAfterSequenceNumber, "100000000000000000007", shard_,
      kValidationException);
  bad(ShardIteratorType::kTrimHorizon, {}, "shardId-nope",
      kResourceNotFoundException);
}

TEST_F(StreamsTest, GetRecordsPagesByLimitAndByBytes) {
  PutN(25);
  std::string it = Iterator(ShardIteratorType::kTrimHorizon);
  std::vector<std::string> seen;
  for (int page = 0; page < 10 && seen.size() < 25; ++page) {
    auto r = engine_->GetRecords({it, 10});
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_LE(r->records.size(), 10u);
    for (const auto& rec : r->records) {
      seen.push_back(rec.dynamodb.sequence_number);
    }
    ASSERT_TRUE(r->next_shard_iterator.has_value());
    it = *r->next_shard_iterator;
  }
  ASSERT_EQ(seen.size(), 25u);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_LT(seen[i - 1], seen[i]);
  // Caught up: an open shard returns no records and an iterator.
  auto empty = engine_->GetRecords({it, {}});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->records.empty());
  EXPECT_TRUE(empty->next_shard_iterator.has_value());

  EXPECT_EQ(ExceptionName(engine_->GetRecords({it, 0}).status()),
            kValidationException);
  EXPECT_EQ(ExceptionName(engine_->GetRecords({it, 1001}).status()),
            kValidationException);

  // 1 MB: records of ~100 KB each (image twice: ~200 KB per record).
  PutN(12, 100 * 1024);
  auto big = engine_->GetRecords({it, {}});
  ASSERT_TRUE(big.ok());
  EXPECT_GE(big->records.size(), 5u);
  EXPECT_LT(big->records.size(), 12u);
}

TEST_F(StreamsTest, IteratorsSurviveRestartAndExpire) {
  PutN(3);
  std::string it = Iterator(ShardIteratorType::kTrimHorizon);
  Reopen();
  auto page = engine_->GetRecords({it, {}});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->records.size(), 3u);
  clock_->AdvanceSeconds(15 * 60 + 1);
  EXPECT_EQ(ExceptionName(engine_->GetRecords({it, {}}).status()),
            kExpiredIteratorException);
  // The iterator a read returns is fresh.
  std::string fresh = Iterator(ShardIteratorType::kTrimHorizon);
  clock_->AdvanceSeconds(14 * 60);
  auto next = engine_->GetRecords({fresh, 1});
  ASSERT_TRUE(next.ok());
  clock_->AdvanceSeconds(14 * 60);
  EXPECT_TRUE(engine_->GetRecords({*next->next_shard_iterator, {}}).ok());

  for (const char* garbage : {"", "x", "arn:aws:dynamodb|1|AAAA"}) {
    EXPECT_EQ(ExceptionName(engine_->GetRecords({garbage, {}}).status()),
              kValidationException);
  }
}

TEST_F(StreamsTest, ClosedShardEndsWithoutNextIterator) {
  PutN(2);
  std::string it = Iterator(ShardIteratorType::kTrimHorizon);
  ASSERT_TRUE(
      engine_->UpdateTable({"Tab", StreamSpecification{false, {}}, {}, {}})
          .ok());
  auto page = engine_->GetRecords({it, {}});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->records.size(), 2u);
  EXPECT_FALSE(page->next_shard_iterator.has_value());
  auto latest = engine_->GetRecords({Iterator(ShardIteratorType::kLatest), {}});
  ASSERT_TRUE(latest.ok());
  EXPECT_TRUE(latest->records.empty());
  EXPECT_FALSE(latest->next_shard_iterator.has_value());
}

TEST_F(StreamsTest, ListStreams) {
  CreateTable("Other", StreamViewType::kKeysOnly);
  auto all = engine_->ListStreams({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->streams.size(), 2u);
  auto one = engine_->ListStreams({std::string("Other"), {}, {}});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->streams.size(), 1u);
  EXPECT_EQ(one->streams[0].table_name, "Other");
  auto page = engine_->ListStreams({{}, 1, {}});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->streams.size(), 1u);
  ASSERT_TRUE(page->last_evaluated_stream_arn.has_value());
  auto rest = engine_->ListStreams({{}, 1, page->last_evaluated_stream_arn});
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->streams.size(), 1u);
  EXPECT_NE(rest->streams[0].stream_arn, page->streams[0].stream_arn);
  EXPECT_EQ(ExceptionName(engine_->ListStreams({{}, 0, {}}).status()),
            kValidationException);
  EXPECT_EQ(ExceptionName(engine_->ListStreams({{}, 101, {}}).status()),
            kValidationException);
}

}  // namespace
}  // namespace tablestream
