// Copyright 2026 The tablestream Authors.
//
// The trigger commands of the `tablestream` binary: event source mapping
// CRUD with Lambda's JSON and exceptions, the lesson's Python handler run
// unchanged through `run-triggers --until-idle`, and list-dead-letters.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/cli_test_fixture.h"

#ifndef TABLESTREAM_SOURCE_DIR
#error "TABLESTREAM_SOURCE_DIR must name the source tree"
#endif

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class TriggersCliTest : public CliTest {
 protected:
  std::string StreamArn() {
    return Ok("describe-table", R"({"TableName": "Pets"})")["Table"]
                   ["LatestStreamArn"];
  }
  Json CreateMapping(const std::string& function, const std::string& extra) {
    Json request = Json::parse("{" + extra + "}");
    request["EventSourceArn"] = StreamArn();
    request["FunctionName"] = function;
    request["StartingPosition"] = "TRIM_HORIZON";
    return Ok("create-event-source-mapping", request.dump());
  }
  Result RunTriggers() { return Run({"--db", db_, "run-triggers", "--until-idle"}); }
};

TEST_F(TriggersCliTest, MappingCrudWithLambdaShapesAndExceptions) {
  CreatePets();
  Json created = CreateMapping("exec:cat >/dev/null", R"("BatchSize": 10)");
  std::string uuid = created["UUID"];
  EXPECT_EQ(created["BatchSize"], 10);
  EXPECT_EQ(created["State"], "Enabled");
  EXPECT_EQ(created["StartingPosition"], "TRIM_HORIZON");
  EXPECT_EQ(created["FunctionArn"],
            "arn:aws:lambda:us-east-1:000000000000:function:exec:cat "
            ">/dev/null");
  EXPECT_EQ(created["MaximumRetryAttempts"], -1);
  EXPECT_TRUE(created.contains("LastModified"));
  EXPECT_EQ(created["LastProcessingResult"], "No records processed");

  Json list = Ok("list-event-source-mappings", "{}")["EventSourceMappings"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["UUID"], uuid);
  Json updated = Ok("update-event-source-mapping",
                    R"({"UUID": ")" + uuid + R"(", "Enabled": false,
                        "MaximumRetryAttempts": 3})");
  EXPECT_EQ(updated["State"], "Disabled");
  EXPECT_EQ(updated["MaximumRetryAttempts"], 3);
  Json got = Ok("get-event-source-mapping", R"({"UUID": ")" + uuid + R"("})");
  EXPECT_EQ(got["State"], "Disabled");
  EXPECT_EQ(got["Metrics"]["Invocations"], 0);

  Fails("create-event-source-mapping",
        R"({"EventSourceArn": ")" + StreamArn() +
            R"(", "FunctionName": "f", "StartingPosition": "LATEST",
                "BatchSize": 0})",
        "InvalidParameterValueException");
  Fails("create-event-source-mapping",
        R"({"EventSourceArn": ")" + StreamArn() +
            R"(", "FunctionName": "f", "StartingPosition": "LATEST",
                "FilterCriteria": {"Filters": [{"Pattern": "{\"a\": 1}"}]}})",
        "InvalidParameterValueException");
  Fails("create-event-source-mapping",
        R"({"EventSourceArn": ")" + StreamArn() +
            R"(", "FunctionName": "exec:cat >/dev/null",
                "StartingPosition": "LATEST"})",
        "ResourceConflictException");
  Fails("get-event-source-mapping", R"({"UUID": "nope"})",
        "ResourceNotFoundException");
  Json deleted =
      Ok("delete-event-source-mapping", R"({"UUID": ")" + uuid + R"("})");
  EXPECT_EQ(deleted["State"], "Deleting");
  EXPECT_EQ(Ok("list-event-source-mappings", "{}")["EventSourceMappings"],
            Json::array());
}

TEST_F(TriggersCliTest, LessonHandlerRunsUnchangedUntilIdle) {
  CreatePets();
  std::string handler = std::string("python:") + TABLESTREAM_SOURCE_DIR +
                        "/examples/lambda_handler.py:lambda_handler";
  std::string uuid = CreateMapping(handler, R"("BatchSize": 100)")["UUID"];
  Ok("put-item", R"({"TableName": "Pets", "Item": {"pk": {"S": "cat"},
                     "name": {"S": "Tom"}}})");
  Ok("update-item", R"({"TableName": "Pets", "Key": {"pk": {"S": "cat"}},
                        "UpdateExpression": "SET #n = :n",
                        "ExpressionAttributeNames": {"#n": "name"},
                        "ExpressionAttributeValues": {":n": {"S": "Felix"}}})");
  Ok("delete-item", R"({"TableName": "Pets", "Key": {"pk": {"S": "cat"}}})");

  Result r = RunTriggers();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string printed = r.out + r.err;
  EXPECT_THAT(printed, HasSubstr("New item added: {'name': {'S': 'Tom'}, "
                                 "'pk': {'S': 'cat'}}"));
  EXPECT_THAT(printed, HasSubstr("Item modified. Old: {'name': {'S': 'Tom'}"));
  EXPECT_THAT(printed, HasSubstr("New: {'name': {'S': 'Felix'}"));
  EXPECT_THAT(printed, HasSubstr("Item removed: {'name': {'S': 'Felix'}"));

  Json got = Ok("get-event-source-mapping", R"({"UUID": ")" + uuid + R"("})");
  EXPECT_EQ(got["State"], "Enabled");
  // The checkpoint persisted: a second run delivers nothing again.
  r = RunTriggers();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("New item added")));
}

TEST_F(TriggersCliTest, GivenUpBatchesAreListedAsDeadLetters) {
  CreatePets();
  std::string uuid =
      CreateMapping("exec:cat >/dev/null; exit 3",
                    R"("MaximumRetryAttempts": 0,
                       "DestinationConfig": {"OnFailure":
                           {"Destination": "pets-dlq"}})")["UUID"];
  Ok("put-item", R"({"TableName": "Pets", "Item": {"pk": {"S": "dog"}}})");
  Result r = RunTriggers();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json letters = Ok("list-dead-letters", "{}")["DeadLetters"];
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0]["MappingUUID"], uuid);
  EXPECT_EQ(letters[0]["Destination"], "pets-dlq");
  const Json& record = letters[0]["Record"];
  EXPECT_EQ(record["requestContext"]["condition"], "RetryAttemptsExhausted");
  EXPECT_EQ(record["DDBStreamBatchInfo"]["batchSize"], 1);
  EXPECT_EQ(record["DDBStreamBatchInfo"]["streamArn"], StreamArn());
  EXPECT_EQ(Ok("list-dead-letters", R"({"UUID": "other"})")["DeadLetters"],
            Json::array());
}

TEST_F(TriggersCliTest, RunTriggersOptionsAreChecked) {
  Result r = Run({"--db", db_, "list-tables", "--until-idle"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--until-idle is an option of run-triggers"));
  r = Run({"--db", db_, "get-event-source-mapping"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("needs its request"));
}

}  // namespace
}  // namespace tablestream
