// Copyright 2026 The tablestream Authors.

#include "wal/commit_pipeline.h"

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tablestream/errors.h"
#include "util/key_encoding.h"

namespace tablestream {
namespace {

// A mutation that writes "<log>/<seq>" -> payload for one log, optionally
// failing after staging, and records the number it got.
class LogAppend : public Mutation {
 public:
  LogAppend(rocksdb::ColumnFamilyHandle* cf, SequenceLogId log,
            bool fail = false)
      : cf_(cf), log_(std::move(log)), fail_(fail) {}
  absl::Status Apply(MutationContext& m) override {
    sequence_ = m.NextSequence(log_);
    std::string key = log_;
    PutFixed64BE(&key, sequence_);
    m.Put(cf_, key, "payload");
    m.AddToCounter("count", 1);
    if (fail_) return ValidationError("refused on purpose");
    return absl::OkStatus();
  }
  uint64_t sequence() const { return sequence_; }

 private:
  rocksdb::ColumnFamilyHandle* cf_;
  SequenceLogId log_;
  bool fail_;
  uint64_t sequence_ = 0;
};

class CommitPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat(
               "commit_pipeline_test_", getpid(), "_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.string(), &db).ok());
    db_.reset(db);
    CommitPipelineOptions pipeline_options;
    pipeline_options.clock = std::make_shared<ManualClock>(1000);
    pipeline_options.counters_cf = db_->DefaultColumnFamily();
    pipeline_ = std::make_unique<CommitPipeline>(db_.get(), pipeline_options);
    pipeline_->RegisterLog("A", 1);
    pipeline_->RegisterLog("B", 100);
  }
  void TearDown() override {
    pipeline_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::vector<uint64_t> StoredSequences(const std::string& log) {
    std::vector<uint64_t> out;
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions()));
    for (it->Seek(log); it->Valid() && it->key().starts_with(log); it->Next()) {
      if (it->key().size() != log.size() + 8) continue;
      out.push_back(DecodeFixed64BE(it->key().data() + log.size()));
    }
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<rocksdb::DB> db_;
  std::unique_ptr<CommitPipeline> pipeline_;
};

TEST_F(CommitPipelineTest, AllocatesContiguousNumbersPerLog) {
  LogAppend a1(db_->DefaultColumnFamily(), "A");
  LogAppend b1(db_->DefaultColumnFamily(), "B");
  LogAppend a2(db_->DefaultColumnFamily(), "A");
  ASSERT_TRUE(pipeline_->Commit(&a1, true).ok());
  ASSERT_TRUE(pipeline_->Commit(&b1, true).ok());
  ASSERT_TRUE(pipeline_->Commit(&a2, false).ok());
  EXPECT_EQ(a1.sequence(), 1u);
  EXPECT_EQ(a2.sequence(), 2u);
  EXPECT_EQ(b1.sequence(), 100u);
  EXPECT_EQ(pipeline_->PublishedNext("A"), 3u);
  EXPECT_EQ(pipeline_->PublishedNext("B"), 101u);
  EXPECT_EQ(pipeline_->PublishedNext("unknown"), 0u);
}

TEST_F(CommitPipelineTest, FailedMutationLeavesNoHoleAndNoWrites) {
  LogAppend ok1(db_->DefaultColumnFamily(), "A");
  LogAppend bad(db_->DefaultColumnFamily(), "A", /*fail=*/true);
  LogAppend ok2(db_->DefaultColumnFamily(), "A");
  ASSERT_TRUE(pipeline_->Commit(&ok1, true).ok());
  absl::Status s = pipeline_->Commit(&bad, true);
  EXPECT_EQ(ExceptionName(s), kValidationException);
  ASSERT_TRUE(pipeline_->Commit(&ok2, true).ok());
  EXPECT_EQ(ok2.sequence(), 2u);
  EXPECT_EQ(StoredSequences("A"), (std::vector<uint64_t>{1, 2}));
  // The failed mutation's counter increment was given back too.
  EXPECT_EQ(*pipeline_->CounterValue("count"), 2);
  EXPECT_TRUE(pipeline_->health().ok());
}

TEST_F(CommitPipelineTest, ConcurrentWritersShareSyncsAndStayContiguous) {
  constexpr int kThreads = 16;
  constexpr int kPerThread = 50;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint64_t>> got(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Every fifth write fails: its number must be reused.
        LogAppend m(db_->DefaultColumnFamily(), "A", i % 5 == 4);
        absl::Status s = pipeline_->Commit(&m, true);
        if (s.ok()) got[t].push_back(m.sequence());
      }
    });
  }
  for (auto& t : threads) t.join();
  const uint64_t committed = kThreads * kPerThread * 4 / 5;
  std::vector<uint64_t> stored = StoredSequences("A");
  ASSERT_EQ(stored.size(), committed);
  for (uint64_t i = 0; i < committed; ++i) EXPECT_EQ(stored[i], i + 1);
  // Each thread saw its own numbers increase (commit order).
  for (const auto& seqs : got) {
    for (size_t i = 1; i < seqs.size(); ++i) EXPECT_LT(seqs[i - 1], seqs[i]);
  }
  CommitPipeline::Stats stats = pipeline_->stats();
  EXPECT_EQ(stats.mutations, committed);
  EXPECT_EQ(*pipeline_->CounterValue("count"), static_cast<int64_t>(committed));
  // Group commit: with 16 writers some groups held more than one mutation.
  EXPECT_LT(stats.synced_groups, stats.mutations);
}

// Fails the whole group inside Apply via a staging error: a Put on a
// column family that was dropped.
TEST_F(CommitPipelineTest, WriteFailureStopsThePipeline) {
  rocksdb::ColumnFamilyHandle* doomed = nullptr;
  ASSERT_TRUE(
      db_->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "doomed", &doomed)
          .ok());
  ASSERT_TRUE(db_->DropColumnFamily(doomed).ok());
  LogAppend before(db_->DefaultColumnFamily(), "A");
  ASSERT_TRUE(pipeline_->Commit(&before, true).ok());
  LogAppend m(doomed, "A");
  absl::Status s = pipeline_->Commit(&m, true);
  EXPECT_EQ(ExceptionName(s), kInternalServerError) << s;
  EXPECT_FALSE(pipeline_->health().ok());
  // Later writes are refused; nothing was published past the failure.
  LogAppend after(db_->DefaultColumnFamily(), "A");
  EXPECT_EQ(ExceptionName(pipeline_->Commit(&after, true)),
            kInternalServerError);
  EXPECT_EQ(pipeline_->PublishedNext("A"), 2u);
  EXPECT_EQ(StoredSequences("A"), (std::vector<uint64_t>{1}));
  ASSERT_TRUE(db_->DestroyColumnFamilyHandle(doomed).ok());
}

TEST_F(CommitPipelineTest, AwaitPublishedWakesOnCommit) {
  std::thread writer([&] {
    LogAppend m(db_->DefaultColumnFamily(), "A");
    ASSERT_TRUE(pipeline_->Commit(&m, false).ok());
  });
  EXPECT_TRUE(
      pipeline_->AwaitPublished("A", 1, absl::Now() + absl::Seconds(60)));
  writer.join();
  EXPECT_FALSE(pipeline_->AwaitPublished("A", 5, absl::Now()));
}

// An exclusive mutation that writes nothing (as a catalog change would).
class CatalogChange : public Mutation {
 public:
  absl::Status Apply(MutationContext&) override { return absl::OkStatus(); }
  bool exclusive() const override { return true; }
};

TEST_F(CommitPipelineTest, AwaitPublishedEndsOnACatalogChange) {
  const uint64_t before = pipeline_->ExclusiveCommits();
  std::thread writer([&] {
    CatalogChange m;
    ASSERT_TRUE(pipeline_->Commit(&m, false).ok());
  });
  // The deadline is a failure guard: the catalog change ends the wait, and
  // nothing was published.
  EXPECT_FALSE(pipeline_->AwaitPublished(
      "A", 1, absl::Now() + absl::Seconds(60), before));
  writer.join();
  EXPECT_EQ(pipeline_->ExclusiveCommits(), before + 1);
  // Item mutations do not count.
  LogAppend m(db_->DefaultColumnFamily(), "A");
  ASSERT_TRUE(pipeline_->Commit(&m, false).ok());
  EXPECT_EQ(pipeline_->ExclusiveCommits(), before + 1);
}

}  // namespace
}  // namespace tablestream
