// Copyright 2026 The tablestream Authors.
//
// The targets of tsbench do the same work: the same operation sequence gives
// the same number of change records on tablestream and on SQLite (exactly
// the effective changes: no record for deleting a missing key), and the
// consumers see the writes' times in new images only.

#include "bench/bench_target.h"

#include <sqlite3.h>

#include <filesystem>

#include "gtest/gtest.h"

namespace tablestream {
namespace {

class BenchTargetTest : public ::testing::TestWithParam<Target> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bench_target_test." + std::to_string(getpid()) + "." +
            TargetName(GetParam()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<BenchTarget> Open(std::optional<StreamViewType> stream) {
    TargetConfig config;
    config.dir = dir_;
    config.durable = false;
    config.stream = stream;
    config.threads = 1;
    config.write_buffer_bytes = 8 << 20;
    config.block_cache_bytes = 8 << 20;
    config.items = &items_;
    absl::StatusOr<std::unique_ptr<BenchTarget>> target =
        BenchTarget::Open(GetParam(), config);
    EXPECT_TRUE(target.ok()) << target.status();
    return target.ok() ? *std::move(target) : nullptr;
  }

  // Reads the whole stream: records and how many carried a write time.
  static std::pair<size_t, size_t> ReadAll(BenchTarget* target) {
    absl::StatusOr<std::unique_ptr<ChangeReader>> reader =
        target->NewChangeReader();
    EXPECT_TRUE(reader.ok()) << reader.status();
    EXPECT_NE(*reader, nullptr);
    std::vector<int64_t> times;
    size_t records = 0;
    for (;;) {
      absl::StatusOr<size_t> n = (*reader)->Poll(&times);
      EXPECT_TRUE(n.ok()) << n.status();
      if (!n.ok() || *n == 0) break;
      records += *n;
    }
    return {records, times.size()};
  }

  std::string dir_;
  WorkloadItems items_{200};
};

TEST_P(BenchTargetTest, SameOperationsGiveTheSameRecords) {
  std::unique_ptr<BenchTarget> target =
      Open(StreamViewType::kNewAndOldImages);
  ASSERT_NE(target, nullptr);
  ASSERT_TRUE(target->Load(10).ok());  // 10 INSERTs
  const std::vector<OpChooser::Op> ops = {
      {OpKind::kRead, 3},    {OpKind::kUpdate, 3},  // MODIFY
      {OpKind::kDelete, 4},                          // REMOVE
      {OpKind::kDelete, 4},                          // nothing
      {OpKind::kPut, 4},                             // INSERT
      {OpKind::kPut, 5},                             // MODIFY
      {OpKind::kInsert, 100},                        // INSERT
      {OpKind::kRead, 100},
  };
  uint64_t version = 1;
  for (const OpChooser::Op& op : ops) {
    ASSERT_TRUE(target->Do(op, 0, version++).ok()) << OpKindName(op.kind);
  }
  const auto [records, times] = ReadAll(target.get());
  EXPECT_EQ(records, 15u);
  EXPECT_EQ(times, 14u);  // all but the REMOVE carry a new image
}

TEST_P(BenchTargetTest, OldImagesCarryNoWriteTime) {
  std::unique_ptr<BenchTarget> target = Open(StreamViewType::kOldImage);
  ASSERT_NE(target, nullptr);
  ASSERT_TRUE(target->Load(3).ok());
  ASSERT_TRUE(target->Do({OpKind::kUpdate, 1}, 0, 7).ok());
  const auto [records, times] = ReadAll(target.get());
  EXPECT_EQ(records, 4u);
  EXPECT_EQ(times, 0u);
}

TEST_P(BenchTargetTest, NoStreamNoReader) {
  std::unique_ptr<BenchTarget> target = Open(std::nullopt);
  ASSERT_NE(target, nullptr);
  ASSERT_TRUE(target->Load(3).ok());
  ASSERT_TRUE(target->Do({OpKind::kUpdate, 1}, 0, 7).ok());
  absl::StatusOr<std::unique_ptr<ChangeReader>> reader =
      target->NewChangeReader();
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*reader, nullptr);
}

// SQLite's triggers write DynamoDB-like records: the key, and the whole old
// and new rows as JSON.
TEST(SqliteTriggersTest, RecordsHoldKeysAndBothImagesAsJson) {
  const std::string dir = std::filesystem::temp_directory_path() /
                          ("sqlite_triggers_test." + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const WorkloadItems items(200);
  {
    TargetConfig config;
    config.dir = dir;
    config.durable = false;
    config.stream = StreamViewType::kNewAndOldImages;
    config.items = &items;
    absl::StatusOr<std::unique_ptr<BenchTarget>> target =
        BenchTarget::Open(Target::kSqlite, config);
    ASSERT_TRUE(target.ok()) << target.status();
    ASSERT_TRUE((*target)->Load(1).ok());
    ASSERT_TRUE((*target)->Do({OpKind::kUpdate, 0}, 0, 42).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/bench.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(
                db,
                "SELECT event, json_extract(keys, '$.id'), "
                "json_extract(old_image, '$.age'), "
                "json_extract(new_image, '$.age'), "
                "json_extract(new_image, '$.active'), "
                "length(json_extract(new_image, '$.payload')) "
                "FROM changes ORDER BY rowid",
                -1, &s, nullptr),
            SQLITE_OK);
  auto text = [&](int column) {
    const unsigned char* t = sqlite3_column_text(s, column);
    return t == nullptr ? std::string("NULL")
                        : std::string(reinterpret_cast<const char*>(t));
  };
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(text(0), "INSERT");
  EXPECT_EQ(text(1), items.Id(0));
  EXPECT_EQ(text(2), "NULL");
  EXPECT_EQ(text(3), "0");
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(text(0), "MODIFY");
  EXPECT_EQ(text(2), "0");
  EXPECT_EQ(text(3), "42");
  EXPECT_EQ(text(4), "1");  // JSON true
  EXPECT_GT(std::stoi(text(5)), 100);
  EXPECT_EQ(sqlite3_step(s), SQLITE_DONE);
  sqlite3_finalize(s);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Targets, BenchTargetTest,
                         ::testing::Values(Target::kTablestream,
                                           Target::kSqlite),
                         [](const auto& info) {
                           return std::string(TargetName(info.param));
                         });

}  // namespace
}  // namespace tablestream
