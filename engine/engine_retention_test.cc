// Copyright 2026 The tablestream Authors.
//
// Retention, trimmed positions, AT_TIMESTAMP, stream and shard lifecycle,
// shard rollover. All time comes from the fixture's ManualClock.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/engine_impl.h"
#include "engine/engine_test_fixture.h"
#include "gmock/gmock.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kDay = 24 * 3600;

class RetentionTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreateTable("Tab");
    arn_ = LatestStreamArn("Tab");
  }

  // Puts item k<i> with an incompressible value of `value_bytes` bytes, so
  // that bytes on disk follow the bytes written.
  void PutKey(int i, int value_bytes = 10) {
    std::string value;
    uint64_t state = 0x9E3779B97F4A7C15ull * (i + 1);
    while (value.size() < static_cast<size_t>(value_bytes)) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      value.push_back(static_cast<char>('!' + (state >> 33) % 90));
    }
    ASSERT_TRUE(
        Put("Tab", {{"pk", S(absl::StrCat("k", i))}, {"v", S(value)}}).ok());
  }

  std::vector<Shard> Shards(const std::string& arn) {
    auto d = engine_->DescribeStream({arn});
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->shards : std::vector<Shard>();
  }
  std::string OnlyShard() {
    std::vector<Shard> shards = Shards(arn_);
    EXPECT_EQ(shards.size(), 1u);
    return shards.empty() ? "" : shards[0].shard_id;
  }

  absl::StatusOr<std::string> Iterator(ShardIteratorType type,
                                       std::optional<std::string> seq = {},
                                       std::optional<double> timestamp = {}) {
    return engine_->GetShardIterator(
        {arn_, OnlyShard(), type, std::move(seq), timestamp});
  }

  // The pk of each record, in stream order.
  static std::vector<std::string> Keys(const std::vector<StreamRecord>& rs) {
    std::vector<std::string> keys;
    for (const StreamRecord& r : rs) keys.push_back(r.dynamodb.keys.at("pk").scalar());
    return keys;
  }
  std::vector<std::string> KeysFrom(const std::string& iterator) {
    auto page = engine_->GetRecords({iterator, {}});
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? Keys(page->records) : std::vector<std::string>();
  }

  EngineImpl* impl() { return static_cast<EngineImpl*>(engine_.get()); }

  // Bytes of the stream column family on disk, after a flush.
  uint64_t StreamBytesOnDisk() {
    EXPECT_TRUE(impl()->db()->Flush(rocksdb::FlushOptions(), impl()->stream_cf()).ok());
    uint64_t bytes = 0;
    EXPECT_TRUE(impl()->db()->GetIntProperty(
        impl()->stream_cf(), "rocksdb.total-sst-files-size", &bytes));
    return bytes;
  }

  std::string arn_;
};

TEST_F(RetentionTest, ExpiredRecordsAreNeverReturned) {
  PutKey(0);
  PutKey(1);
  PutKey(2);
  clock_->AdvanceSeconds(kDay / 2);
  PutKey(3);
  PutKey(4);
  std::vector<StreamRecord> all = ReadAll(arn_);
  ASSERT_EQ(all.size(), 5u);
  const std::string first_seq = all[0].dynamodb.sequence_number;
  const std::string fourth_seq = all[3].dynamodb.sequence_number;

  clock_->AdvanceSeconds(kDay / 2);  // k0..k2 are now exactly 24 h old
  EXPECT_THAT(Keys(ReadAll(arn_)), testing::ElementsAre("k3", "k4"));
  for (ShardIteratorType type : {ShardIteratorType::kAtSequenceNumber,
                                 ShardIteratorType::kAfterSequenceNumber}) {
    absl::Status s = Iterator(type, first_seq).status();
    EXPECT_EQ(ExceptionName(s), kTrimmedDataAccessException) << s;
    EXPECT_THAT(s.message(), HasSubstr(first_seq));
  }
  auto at_fourth = Iterator(ShardIteratorType::kAtSequenceNumber, fourth_seq);
  ASSERT_TRUE(at_fourth.ok()) << at_fourth.status();
  EXPECT_THAT(KeysFrom(*at_fourth), testing::ElementsAre("k3", "k4"));
  std::vector<Shard> shards = Shards(arn_);
  ASSERT_EQ(shards.size(), 1u);
  EXPECT_EQ(shards[0].sequence_number_range.starting_sequence_number,
            fourth_seq);

  // The same after a retention pass, and after a restart.
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  EXPECT_THAT(Keys(ReadAll(arn_)), testing::ElementsAre("k3", "k4"));
  Reopen();
  EXPECT_THAT(Keys(ReadAll(arn_)), testing::ElementsAre("k3", "k4"));
  EXPECT_EQ(ExceptionName(
                Iterator(ShardIteratorType::kAtSequenceNumber, first_seq)
                    .status()),
            kTrimmedDataAccessException);
}

TEST_F(RetentionTest, RetentionPeriodIsAnOption) {
  options_.stream_retention_seconds = 600;
  Reopen();
  PutKey(0);
  clock_->AdvanceSeconds(300);
  PutKey(1);
  clock_->AdvanceSeconds(300);
  EXPECT_THAT(Keys(ReadAll(arn_)), testing::ElementsAre("k1"));
}

TEST_F(RetentionTest, IteratorWhoseNextRecordExpiresIsTrimmed) {
  options_.stream_retention_seconds = 600;
  Reopen();
  PutKey(0);
  PutKey(1);
  auto it = Iterator(ShardIteratorType::kTrimHorizon);
  ASSERT_TRUE(it.ok());
  clock_->AdvanceSeconds(601);  // the iterator itself lives 900 s
  absl::Status s = engine_->GetRecords({*it, {}}).status();
  EXPECT_EQ(ExceptionName(s), kTrimmedDataAccessException) << s;
  EXPECT_THAT(s.message(), HasSubstr("expired"));
  // A fresh TRIM_HORIZON iterator starts after the expired records.
  auto fresh = Iterator(ShardIteratorType::kTrimHorizon);
  ASSERT_TRUE(fresh.ok());
  auto page = engine_->GetRecords({*fresh, {}});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_TRUE(page->records.empty());
  EXPECT_TRUE(page->next_shard_iterator.has_value());
}

TEST_F(RetentionTest, ReclaimsExpiredBytesOnAnIdleEngine) {
  for (int i = 0; i < 2000; ++i) PutKey(i, 1000);
  const std::string last_seq = ReadAll(arn_).back().dynamodb.sequence_number;
  const uint64_t before = StreamBytesOnDisk();
  EXPECT_GT(before, 1000000u);

  clock_->AdvanceSeconds(kDay + 1);
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  const uint64_t after = StreamBytesOnDisk();
  // What is left is the shard's last record, kept so that numbering resumes
  // after it on open.
  EXPECT_LT(after, 20000u) << "before " << before;
  EXPECT_TRUE(ReadAll(arn_).empty());

  Reopen();
  EXPECT_TRUE(ReadAll(arn_).empty());
  PutKey(5000);
  std::vector<StreamRecord> records = ReadAll(arn_);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_GT(records[0].dynamodb.sequence_number, last_seq);
  EXPECT_EQ(records[0].dynamodb.sequence_number.size(), last_seq.size());
}

TEST_F(RetentionTest, BackgroundTaskReclaimsWithoutCalls) {
  options_.retention_interval_seconds = 1;
  Reopen();
  for (int i = 0; i < 500; ++i) PutKey(i, 1000);
  const uint64_t before = StreamBytesOnDisk();
  clock_->AdvanceSeconds(kDay + 1);
  // Woken by the task's pass counter; the first pass runs after 1 s.
  ASSERT_TRUE(impl()->AwaitRetentionPasses(1, absl::Seconds(60)));
  EXPECT_LT(StreamBytesOnDisk(), 20000u) << "before " << before;
}

TEST_F(RetentionTest, AtTimestampStartsAtTheFirstRecordAtOrAfter) {
  const double t0 = kStartMicros / 1e6;
  PutKey(0);
  clock_->AdvanceSeconds(10);
  PutKey(1);
  clock_->AdvanceSeconds(10);
  PutKey(2);
  auto at = [&](double t) {
    auto it = Iterator(ShardIteratorType::kAtTimestamp, {}, t);
    EXPECT_TRUE(it.ok()) << it.status();
    return it.ok() ? KeysFrom(*it) : std::vector<std::string>();
  };
  EXPECT_THAT(at(t0 - 100), testing::ElementsAre("k0", "k1", "k2"));
  EXPECT_THAT(at(t0), testing::ElementsAre("k0", "k1", "k2"));
  EXPECT_THAT(at(t0 + 0.5), testing::ElementsAre("k1", "k2"));
  EXPECT_THAT(at(t0 + 10), testing::ElementsAre("k1", "k2"));
  EXPECT_THAT(at(t0 + 20), testing::ElementsAre("k2"));
  EXPECT_THAT(at(t0 + 1000), testing::ElementsAre());
  // Before the trim horizon: the trim horizon.
  clock_->AdvanceSeconds(kDay - 15);  // k0 expired
  EXPECT_THAT(at(t0 - 100), testing::ElementsAre("k1", "k2"));

  EXPECT_EQ(ExceptionName(Iterator(ShardIteratorType::kAtTimestamp).status()),
            kValidationException);
  EXPECT_EQ(ExceptionName(
                Iterator(ShardIteratorType::kTrimHorizon, {}, t0).status()),
            kValidationException);
}

// Found by json_api_fuzzer: a Timestamp of 1e300 was converted to int64
// microseconds with undefined behaviour (on x86 it became INT64_MIN, so an
// iterator far in the future started at the first record).
TEST_F(RetentionTest, AtTimestampFarOutsideTheStream) {
  PutKey(0);
  PutKey(1);
  for (double t : {1e300, 1e19, 9.3e12}) {
    auto it = Iterator(ShardIteratorType::kAtTimestamp, {}, t);
    ASSERT_TRUE(it.ok()) << it.status();
    EXPECT_THAT(KeysFrom(*it), testing::ElementsAre()) << t;
  }
  for (double t : {-1e300, -1e19, -9.3e12}) {
    auto it = Iterator(ShardIteratorType::kAtTimestamp, {}, t);
    ASSERT_TRUE(it.ok()) << it.status();
    EXPECT_THAT(KeysFrom(*it), testing::ElementsAre("k0", "k1")) << t;
  }
  for (double t : {std::nan(""), std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(ExceptionName(
                  Iterator(ShardIteratorType::kAtTimestamp, {}, t).status()),
              kValidationException);
  }
}

TEST_F(RetentionTest, DisabledStreamDisappearsWhenItsRecordsExpire) {
  PutKey(0);
  ASSERT_TRUE(
      engine_->UpdateTable({"Tab", StreamSpecification{false, {}}, {}, {}})
          .ok());
  clock_->AdvanceSeconds(kDay - 1);
  ASSERT_EQ(ReadAll(arn_).size(), 1u);
  ASSERT_EQ(engine_->ListStreams({})->streams.size(), 1u);

  clock_->AdvanceSeconds(1);
  EXPECT_TRUE(engine_->ListStreams({})->streams.empty());
  EXPECT_EQ(ExceptionName(engine_->DescribeStream({arn_}).status()),
            kResourceNotFoundException);
  EXPECT_EQ(ExceptionName(engine_->GetShardIterator(
                                      {arn_, "shardId-00000000000000000000-0",
                                       ShardIteratorType::kTrimHorizon})
                              .status()),
            kResourceNotFoundException);
  // Enabling again makes a new stream, listed.
  ASSERT_TRUE(engine_->UpdateTable(
                         {"Tab",
                          StreamSpecification{true, StreamViewType::kKeysOnly},
                          {},
                          {}})
                  .ok());
  auto listed = engine_->ListStreams({});
  ASSERT_EQ(listed->streams.size(), 1u);
  EXPECT_NE(listed->streams[0].stream_arn, arn_);
}

TEST_F(RetentionTest, DeletedTableKeepsItsStreamUntilExpiry) {
  PutKey(0);
  PutKey(1);
  ASSERT_TRUE(engine_->DeleteTable("Tab").ok());
  clock_->AdvanceSeconds(kDay - 1);
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  EXPECT_THAT(Keys(ReadAll(arn_)), testing::ElementsAre("k0", "k1"));
  std::vector<Shard> shards = Shards(arn_);
  ASSERT_EQ(shards.size(), 1u);
  EXPECT_TRUE(shards[0].sequence_number_range.ending_sequence_number);
  clock_->AdvanceSeconds(1);
  EXPECT_TRUE(engine_->ListStreams({})->streams.empty());
  EXPECT_EQ(ExceptionName(engine_->DescribeStream({arn_}).status()),
            kResourceNotFoundException);
}

TEST_F(RetentionTest, CommitTimesStayMonotonicWhenTheClockGoesBack) {
  PutKey(0);
  clock_->AdvanceSeconds(-3600);
  Reopen();
  PutKey(1);
  std::vector<StreamRecord> records = ReadAll(arn_);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_GE(records[1].dynamodb.approximate_creation_date_time,
            records[0].dynamodb.approximate_creation_date_time);
  // k1 cannot expire before k0.
  clock_->SetMicros(kStartMicros + kDay * 1000000);
  EXPECT_TRUE(ReadAll(arn_).empty());
}

TEST_F(RetentionTest, ShardsRollOverByRecordCountWithLineage) {
  options_.shard_rollover_records = 5;
  Reopen();
  for (int i = 0; i < 12; ++i) PutKey(i);
  std::vector<Shard> shards = Shards(arn_);
  ASSERT_EQ(shards.size(), 3u);
  EXPECT_FALSE(shards[0].parent_shard_id.has_value());
  for (size_t i = 0; i < shards.size(); ++i) {
    const SequenceNumberRange& range = shards[i].sequence_number_range;
    if (i + 1 < shards.size()) {
      ASSERT_TRUE(range.ending_sequence_number.has_value());
      EXPECT_EQ(shards[i + 1].parent_shard_id, shards[i].shard_id);
      // The child's numbers follow its parent's.
      EXPECT_GT(shards[i + 1].sequence_number_range.starting_sequence_number,
                *range.ending_sequence_number);
    } else {
      EXPECT_FALSE(range.ending_sequence_number.has_value());
    }
  }
  std::vector<StreamRecord> records = ReadAll(arn_);  // lineage order
  ASSERT_EQ(records.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(records[i].dynamodb.keys.at("pk").scalar(), absl::StrCat("k", i));
    if (i > 0) {
      EXPECT_GT(records[i].dynamodb.sequence_number,
                records[i - 1].dynamodb.sequence_number);
    }
  }
  // A closed shard's reader reaches its end: no NextShardIterator.
  auto it = engine_->GetShardIterator(
      {arn_, shards[0].shard_id, ShardIteratorType::kTrimHorizon});
  ASSERT_TRUE(it.ok());
  auto page = engine_->GetRecords({*it, {}});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->records.size(), 5u);
  EXPECT_FALSE(page->next_shard_iterator.has_value());

  Reopen();
  EXPECT_EQ(Shards(arn_).size(), 3u);
  PutKey(12);
  EXPECT_EQ(ReadAll(arn_).size(), 13u);
  EXPECT_EQ(Shards(arn_).size(), 3u);
}

TEST_F(RetentionTest, ShardsRollOverByAgeAlsoWhenIdle) {
  options_.shard_rollover_seconds = 3600;
  Reopen();
  PutKey(0);
  clock_->AdvanceSeconds(3600);
  PutKey(1);
  EXPECT_EQ(Shards(arn_).size(), 2u);
  clock_->AdvanceSeconds(3600);
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());  // no writes
  std::vector<Shard> shards = Shards(arn_);
  ASSERT_EQ(shards.size(), 3u);
  // The idle shard closed empty after k1: [n, n].
  EXPECT_EQ(shards[2].parent_shard_id, shards[1].shard_id);
  EXPECT_THAT(Keys(ReadAll(arn_)), testing::ElementsAre("k0", "k1"));
}

TEST_F(RetentionTest, ClosedShardsDisappearOnceExpired) {
  options_.shard_rollover_records = 2;
  Reopen();
  for (int i = 0; i < 4; ++i) PutKey(i);  // shards [k0 k1] [k2 k3]
  const std::vector<Shard> before = Shards(arn_);
  ASSERT_EQ(before.size(), 2u);
  clock_->AdvanceSeconds(kDay);
  PutKey(4);  // closes [k2 k3] now, opens a third shard
  std::vector<Shard> after = Shards(arn_);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].shard_id, before[1].shard_id);
  EXPECT_EQ(ExceptionName(engine_->GetShardIterator(
                                      {arn_, before[0].shard_id,
                                       ShardIteratorType::kTrimHorizon})
                              .status()),
            kResourceNotFoundException);
  EXPECT_THAT(Keys(ReadAll(arn_)), testing::ElementsAre("k4"));
}

}  // namespace
}  // namespace tablestream
