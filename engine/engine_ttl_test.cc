// Copyright 2026 The tablestream Authors.
//
// Item Time to Live with the fake clock: UpdateTimeToLive and
// DescribeTimeToLive with DynamoDB's validation, and the sweeper's
// deletions with their service REMOVE records.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/engine_test_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;

class TtlTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreateTable("Tab");
    arn_ = LatestStreamArn("Tab");
  }

  absl::Status EnableTtl(const std::string& attribute = "expires") {
    return engine_->UpdateTimeToLive({"Tab", {true, attribute}}).status();
  }

  void PutWithTtl(const std::string& pk, AttributeValue ttl) {
    ASSERT_TRUE(Put("Tab", {{"pk", S(pk)}, {"expires", std::move(ttl)}}).ok());
  }

  bool Exists(const std::string& pk) {
    auto item = Get("Tab", {{"pk", S(pk)}});
    EXPECT_TRUE(item.ok()) << item.status();
    return item.ok() && item->has_value();
  }

  static constexpr int64_t kNow = kStartMicros / 1000000;
  std::string arn_;
};

TEST_F(TtlTest, DescribeAndUpdateFollowDynamoDB) {
  auto d = engine_->DescribeTimeToLive("Tab");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->time_to_live_status, "DISABLED");
  EXPECT_FALSE(d->attribute_name.has_value());

  auto enabled = engine_->UpdateTimeToLive({"Tab", {true, "expires"}});
  ASSERT_TRUE(enabled.ok()) << enabled.status();
  EXPECT_TRUE(enabled->enabled);
  EXPECT_EQ(enabled->attribute_name, "expires");
  d = engine_->DescribeTimeToLive("Tab");
  EXPECT_EQ(d->time_to_live_status, "ENABLED");
  EXPECT_EQ(d->attribute_name, "expires");

  absl::Status again = EnableTtl("other");
  EXPECT_EQ(ExceptionName(again), kValidationException);
  EXPECT_THAT(again.message(), HasSubstr("TimeToLive is already enabled"));
  absl::Status wrong_name =
      engine_->UpdateTimeToLive({"Tab", {false, "other"}}).status();
  EXPECT_EQ(ExceptionName(wrong_name), kValidationException);
  EXPECT_THAT(wrong_name.message(), HasSubstr("expires"));

  // The setting survives a restart.
  Reopen();
  EXPECT_EQ(engine_->DescribeTimeToLive("Tab")->time_to_live_status,
            "ENABLED");
  ASSERT_TRUE(engine_->UpdateTimeToLive({"Tab", {false, "expires"}}).ok());
  d = engine_->DescribeTimeToLive("Tab");
  EXPECT_EQ(d->time_to_live_status, "DISABLED");
  EXPECT_EQ(d->attribute_name, "expires");
  absl::Status off_again =
      engine_->UpdateTimeToLive({"Tab", {false, "expires"}}).status();
  EXPECT_THAT(off_again.message(), HasSubstr("TimeToLive is already disabled"));
}

TEST_F(TtlTest, RefusesBadRequests) {
  EXPECT_EQ(ExceptionName(EnableTtl("")), kValidationException);
  EXPECT_EQ(ExceptionName(EnableTtl(std::string(256, 'a'))),
            kValidationException);
  EXPECT_TRUE(EnableTtl(std::string(255, 'a')).ok());
  EXPECT_EQ(ExceptionName(
                engine_->UpdateTimeToLive({"Nope", {true, "x"}}).status()),
            kResourceNotFoundException);
  EXPECT_EQ(ExceptionName(engine_->DescribeTimeToLive("Nope").status()),
            kResourceNotFoundException);
}

TEST_F(TtlTest, DeletesExactlyTheExpiredItemsWithServiceRecords) {
  ASSERT_TRUE(EnableTtl().ok());
  PutWithTtl("past", N(absl::StrCat(kNow - 10)));
  PutWithTtl("now", N(absl::StrCat(kNow)));
  PutWithTtl("fraction", N(absl::StrCat(kNow - 1, ".5")));
  PutWithTtl("future", N(absl::StrCat(kNow + 10)));
  PutWithTtl("string", S(absl::StrCat(kNow - 10)));
  PutWithTtl("ancient", N(absl::StrCat(kNow - 6 * 365 * 24 * 3600)));
  ASSERT_TRUE(Put("Tab", {{"pk", S("none")}}).ok());
  const size_t writes = ReadAll(arn_).size();

  auto deleted = engine_->DeleteExpiredItems();
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(*deleted, 3);
  EXPECT_FALSE(Exists("past"));
  EXPECT_FALSE(Exists("now"));
  EXPECT_FALSE(Exists("fraction"));
  EXPECT_TRUE(Exists("future"));
  EXPECT_TRUE(Exists("string"));   // not a Number: ignored
  EXPECT_TRUE(Exists("ancient"));  // five or more years old: ignored
  EXPECT_TRUE(Exists("none"));

  std::vector<StreamRecord> records = ReadAll(arn_);
  ASSERT_EQ(records.size(), writes + 3);
  for (size_t i = writes; i < records.size(); ++i) {
    const StreamRecord& r = records[i];
    EXPECT_EQ(r.event_name, EventName::kRemove);
    ASSERT_TRUE(r.user_identity.has_value());
    EXPECT_EQ(r.user_identity->type, "Service");
    EXPECT_EQ(r.user_identity->principal_id, "dynamodb.amazonaws.com");
    ASSERT_TRUE(r.dynamodb.old_image.has_value());  // NEW_AND_OLD_IMAGES
    EXPECT_TRUE(r.dynamodb.old_image->count("expires"));
  }
  // Ordinary writes carry no userIdentity.
  EXPECT_FALSE(records[0].user_identity.has_value());

  // Time passes: the future item expires too; nothing else changes.
  clock_->AdvanceSeconds(10);
  EXPECT_EQ(*engine_->DeleteExpiredItems(), 1);
  EXPECT_FALSE(Exists("future"));
  EXPECT_EQ(*engine_->DeleteExpiredItems(), 0);
}

TEST_F(TtlTest, NothingIsDeletedWhileTtlIsDisabled) {
  PutWithTtl("past", N(absl::StrCat(kNow - 10)));
  EXPECT_EQ(*engine_->DeleteExpiredItems(), 0);
  EXPECT_TRUE(Exists("past"));
  ASSERT_TRUE(EnableTtl().ok());
  ASSERT_TRUE(engine_->UpdateTimeToLive({"Tab", {false, "expires"}}).ok());
  EXPECT_EQ(*engine_->DeleteExpiredItems(), 0);
  EXPECT_TRUE(Exists("past"));
}

TEST_F(TtlTest, ExpiredItemsStayReadableAndUpdatableUntilSwept) {
  ASSERT_TRUE(EnableTtl().ok());
  PutWithTtl("k", N(absl::StrCat(kNow - 10)));
  EXPECT_TRUE(Exists("k"));
  // Extending the item's life before the sweep keeps it.
  PutWithTtl("k", N(absl::StrCat(kNow + 3600)));
  EXPECT_EQ(*engine_->DeleteExpiredItems(), 0);
  EXPECT_TRUE(Exists("k"));
}

TEST_F(TtlTest, ManyExpiredItemsInOnePass) {
  ASSERT_TRUE(EnableTtl().ok());
  for (int i = 0; i < 1000; ++i) {
    PutWithTtl(absl::StrCat("k", i), N(absl::StrCat(kNow + (i % 2 ? 5 : -5))));
  }
  EXPECT_EQ(*engine_->DeleteExpiredItems(), 500);
  EXPECT_EQ(engine_->DescribeTable("Tab")->item_count, 500);
}

TEST_F(TtlTest, TheBackgroundTaskSweeps) {
  options_.retention_interval_seconds = 1;
  Reopen();
  ASSERT_TRUE(EnableTtl().ok());
  PutWithTtl("past", N(absl::StrCat(kNow - 10)));
  EngineImpl* impl = static_cast<EngineImpl*>(engine_.get());
  ASSERT_TRUE(impl->AwaitRetentionPasses(2, absl::Seconds(30)));
  EXPECT_FALSE(Exists("past"));
}

}  // namespace
}  // namespace tablestream
