// Copyright 2026 The tablestream Authors.

#include "tools/crash/crash_command.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tablestream {
namespace crash {
namespace {

using ::testing::HasSubstr;

TEST(CrashCommandTest, Defaults) {
  auto args = ParseCrashCommandArgs({});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->test.seconds, 60);
  EXPECT_EQ(args->test.seed, 1u);
  EXPECT_EQ(args->workload.threads, 4);
  EXPECT_EQ(args->workload.durability, Durability::kMixed);
  EXPECT_TRUE(args->test.db_path.empty());
}

TEST(CrashCommandTest, ParsesEveryOption) {
  auto args = ParseCrashCommandArgs(
      {"--seconds=5", "--rounds=3", "--seed=42", "--threads=2",
       "--keys-per-thread=3", "--mix=put:1,update:0,cput:2,delete:3,toggle:0,txn:2",
       "--durable=never", "--db=/tmp/x", "--min-kill-delay-ms=10",
       "--max-kill-delay-ms=20", "--rounds-per-database=7",
       "--shard-rollover-records=0", "--consumers=off", "--quiet"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->test.seconds, 5);
  EXPECT_EQ(args->test.rounds, 3);
  EXPECT_EQ(args->test.seed, 42u);
  EXPECT_EQ(args->workload.threads, 2);
  EXPECT_EQ(args->workload.keys_per_thread, 3);
  EXPECT_EQ(args->workload.put_weight, 1);
  EXPECT_EQ(args->workload.update_weight, 0);
  EXPECT_EQ(args->workload.conditional_put_weight, 2);
  EXPECT_EQ(args->workload.delete_weight, 3);
  EXPECT_EQ(args->workload.toggle_weight, 0);
  EXPECT_EQ(args->workload.transaction_weight, 2);
  EXPECT_EQ(args->workload.durability, Durability::kNever);
  EXPECT_EQ(args->test.db_path, "/tmp/x");
  EXPECT_EQ(args->test.min_kill_delay_ms, 10);
  EXPECT_EQ(args->test.max_kill_delay_ms, 20);
  EXPECT_EQ(args->test.rounds_per_database, 7);
  EXPECT_EQ(args->workload.shard_rollover_records, 0u);
  EXPECT_FALSE(args->workload.consumers);
  EXPECT_TRUE(args->quiet);
}

TEST(CrashCommandTest, RefusesBadOptionsListingTheValidOnes) {
  for (const char* bad :
       {"--verbose", "--threads=0", "--threads=x", "--durable=sometimes",
        "--consumers=maybe",
        "--mix=put:1,fly:2", "--mix=put:-1", "--mix=put:0,update:0,cput:0,txn:0,"
        "delete:0", "--seconds=-1", "--seconds", "--min-kill-delay-ms=900"}) {
    auto args = ParseCrashCommandArgs({bad});
    ASSERT_FALSE(args.ok()) << bad;
    EXPECT_THAT(args.status().message(), HasSubstr("valid options: --seconds"))
        << bad;
  }
  std::ostringstream out, err;
  EXPECT_EQ(RunCrashCommand({"--bogus=1"}, out, err), 2);
  EXPECT_THAT(err.str(), HasSubstr("unknown option \"--bogus\""));
  EXPECT_EQ(RunCrashCommand({"--help"}, out, err), 0);
  EXPECT_THAT(out.str(), HasSubstr("usage: tablestream crash-test"));
}

}  // namespace
}  // namespace crash
}  // namespace tablestream
