// Copyright 2026 The tablestream Authors.

#include "tools/cli_args.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tablestream {
namespace cli {
namespace {

using ::testing::HasSubstr;

TEST(CliArgsTest, ParsesOperationAndOptions) {
  absl::StatusOr<CliArgs> a = ParseCliArgs(
      {"--db", "/tmp/x", "put-item", "--cli-input-json", "{\"a\":1}"}, nullptr);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->db_path, "/tmp/x");
  EXPECT_EQ(a->command, "put-item");
  EXPECT_EQ(a->cli_input_json, "{\"a\":1}");
  EXPECT_FALSE(a->help);

  a = ParseCliArgs({"get-item", "--cli-input-json={}", "--db=/d"}, nullptr);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->db_path, "/d");
  EXPECT_EQ(a->cli_input_json, "{}");
}

TEST(CliArgsTest, DatabaseDefaults) {
  EXPECT_EQ(ParseCliArgs({"list-tables"}, nullptr)->db_path,
            "./tablestream-data");
  EXPECT_EQ(ParseCliArgs({"list-tables"}, "/env/db")->db_path, "/env/db");
  EXPECT_EQ(ParseCliArgs({"list-tables"}, "")->db_path, "./tablestream-data");
  EXPECT_EQ(ParseCliArgs({"--db", "/flag", "list-tables"}, "/env")->db_path,
            "/flag");
}

TEST(CliArgsTest, Help) {
  EXPECT_TRUE(ParseCliArgs({"--help"}, nullptr)->help);
  EXPECT_TRUE(ParseCliArgs({"put-item", "-h"}, nullptr)->help);
  std::string usage = UsageText();
  for (const char* op :
       {"create-table", "describe-table", "list-tables", "delete-table",
        "update-table", "put-item", "get-item", "update-item", "delete-item",
        "list-streams", "describe-stream", "get-shard-iterator", "get-records",
        "demo", "TABLESTREAM_DB", "./tablestream-data", "file://"}) {
    EXPECT_THAT(usage, HasSubstr(op));
  }
}

TEST(CliArgsTest, UsageErrors) {
  EXPECT_THAT(
      ParseCliArgs({"--verbose", "list-tables"}, nullptr).status().message(),
      HasSubstr("unknown option \"--verbose\""));
  EXPECT_THAT(ParseCliArgs({"put-item", "--cli-input-json"}, nullptr)
                  .status()
                  .message(),
              HasSubstr("--cli-input-json needs a value"));
  EXPECT_THAT(
      ParseCliArgs({"put-item", "get-item"}, nullptr).status().message(),
      HasSubstr("unexpected argument \"get-item\""));
  EXPECT_FALSE(ParseCliArgs({"--db=", "list-tables"}, nullptr).ok());
}

TEST(CliArgsTest, StreamRetentionSeconds) {
  EXPECT_FALSE(
      ParseCliArgs({"list-streams"}, nullptr)->stream_retention_seconds);
  EXPECT_EQ(ParseCliArgs({"--stream-retention-seconds", "600", "list-streams"},
                         nullptr)
                ->stream_retention_seconds,
            600);
  EXPECT_EQ(
      ParseCliArgs({"list-streams", "--stream-retention-seconds=1"}, nullptr)
          ->stream_retention_seconds,
      1);
  for (const char* bad : {"0", "-5", "1h", "", "99999999999999999999"}) {
    absl::StatusOr<CliArgs> a = ParseCliArgs(
        {"list-streams", absl::StrCat("--stream-retention-seconds=", bad)},
        nullptr);
    ASSERT_FALSE(a.ok()) << bad;
    EXPECT_THAT(a.status().message(), HasSubstr("at least 1")) << bad;
  }
  EXPECT_THAT(UsageText(), HasSubstr("--stream-retention-seconds"));
}

TEST(CliArgsTest, ResolvesOperations) {
  EXPECT_EQ(*ResolveOperation("put-item"), "PutItem");
  EXPECT_EQ(*ResolveOperation("get-shard-iterator"), "GetShardIterator");
  absl::Status s = ResolveOperation("put-items").status();
  EXPECT_THAT(s.message(), HasSubstr("unknown operation \"put-items\""));
  EXPECT_THAT(s.message(), HasSubstr("put-item, get-item"));
  EXPECT_TRUE(InputIsOptional("ListTables"));
  EXPECT_FALSE(InputIsOptional("PutItem"));
}

TEST(CliArgsTest, LoadsInputFromFile) {
  EXPECT_EQ(*LoadCliInput("{\"x\":1}"), "{\"x\":1}");
  std::string path = testing::TempDir() + "cli_args_test_input.json";
  {
    std::ofstream f(path);
    f << "{\"TableName\": \"t\"}\n";
  }
  EXPECT_EQ(*LoadCliInput("file://" + path), "{\"TableName\": \"t\"}\n");
  std::remove(path.c_str());
  EXPECT_THAT(LoadCliInput("file://" + path).status().message(),
              HasSubstr("cannot read --cli-input-json file"));
}

}  // namespace
}  // namespace cli
}  // namespace tablestream
