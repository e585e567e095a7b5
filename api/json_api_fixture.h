// Copyright 2026 The tablestream Authors.
//
// A test fixture for JsonApi end-to-end tests: a real engine in a temporary
// directory with a manual clock, and shorthands for calls, tables and whole
// stream reads.

#ifndef TABLESTREAM_API_JSON_API_FIXTURE_H_
#define TABLESTREAM_API_JSON_API_FIXTURE_H_

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "api/dispatcher.h"
#include "gtest/gtest.h"
#include "tablestream/clock.h"
#include "tablestream/engine.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace api {

inline Json J(const char* text) { return Json::parse(text); }

inline constexpr int64_t kStartSeconds = 1700000000;

class JsonApiTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "json_api_test_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    clock_ = std::make_shared<ManualClock>(kStartSeconds * 1000000);
    Options options;
    options.clock = clock_;
    options.durable_writes = false;
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Open(options, dir_ + "/db");
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = *std::move(engine);
    api_ = std::make_unique<JsonApi>(engine_.get());
  }

  void TearDown() override {
    api_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  Json Ok(const char* operation, const Json& request) {
    absl::StatusOr<Json> r = api_->Call(operation, request);
    EXPECT_TRUE(r.ok()) << operation << " " << request.dump() << ": "
                        << r.status();
    return r.ok() ? *r : Json();
  }

  absl::Status Err(const char* operation, const Json& request) {
    absl::StatusOr<Json> r = api_->Call(operation, request);
    EXPECT_FALSE(r.ok()) << operation << " " << request.dump();
    return r.status();
  }

  // Creates table `name` (key pk:S) with a stream of `view`; returns its ARN.
  std::string CreateTable(const std::string& name, const std::string& view) {
    Json request = J(R"({
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]
    })");
    request["TableName"] = name;
    request["StreamSpecification"] = {{"StreamEnabled", true},
                                      {"StreamViewType", view}};
    Json r = Ok("CreateTable", request);
    return r["TableDescription"].value("LatestStreamArn", "");
  }

  // All records of the stream's first shard, and the last GetRecords reply.
  Json ReadAll(const std::string& arn, Json* last_page = nullptr) {
    Json d = Ok("DescribeStream", {{"StreamArn", arn}});
    Json records = Json::array();
    std::string shard = d["StreamDescription"]["Shards"][0]["ShardId"];
    Json it = Ok("GetShardIterator", {{"StreamArn", arn},
                                      {"ShardId", shard},
                                      {"ShardIteratorType", "TRIM_HORIZON"}});
    Json next = it["ShardIterator"];
    for (int i = 0; i < 10; ++i) {
      Json page = Ok("GetRecords", {{"ShardIterator", next}});
      if (last_page != nullptr) *last_page = page;
      for (const Json& r : page["Records"]) records.push_back(r);
      if (page["Records"].empty() || !page.contains("NextShardIterator")) break;
      next = page["NextShardIterator"];
    }
    return records;
  }

  std::string dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<JsonApi> api_;
};

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_JSON_API_FIXTURE_H_
