// Copyright 2026 The tablestream Authors.
//
// End-to-end tests of the `tablestream` binary: each runs it as a child
// process on a fresh temporary database and checks stdout, stderr and the
// exit status.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/json_reader.h"
#include "tools/cli_test_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;

TEST_F(CliTest, TableAndItemOperations) {
  CreatePets();
  Json table = Ok("describe-table", R"({"TableName": "Pets"})")["Table"];
  EXPECT_EQ(table["TableName"], "Pets");
  EXPECT_EQ(table["TableStatus"], "ACTIVE");
  EXPECT_EQ(table["StreamSpecification"]["StreamViewType"],
            "NEW_AND_OLD_IMAGES");
  EXPECT_EQ(Ok("list-tables", "{}")["TableNames"], Json::array({"Pets"}));

  EXPECT_EQ(Ok("put-item", R"({"TableName": "Pets", "Item":
      {"pk": {"S": "cat"}, "age": {"N": "3.0"}, "nick": {"S": "W"}}})"),
            Json::object());
  Json got =
      Ok("get-item", R"({"TableName": "Pets", "Key": {"pk": {"S": "cat"}}})");
  EXPECT_EQ(got["Item"]["age"], Json({{"N", "3"}}));  // normalized
  Json updated = Ok("update-item", R"({"TableName": "Pets",
      "Key": {"pk": {"S": "cat"}},
      "AttributeUpdates": {"age": {"Action": "ADD", "Value": {"N": "1"}},
                           "nick": {"Action": "DELETE"}},
      "ReturnValues": "ALL_NEW"})");
  EXPECT_EQ(updated["Attributes"],
            Json({{"age", {{"N", "4"}}}, {"pk", {{"S", "cat"}}}}));
  Json deleted = Ok("delete-item", R"({"TableName": "Pets",
      "Key": {"pk": {"S": "cat"}}, "ReturnValues": "ALL_OLD"})");
  EXPECT_EQ(deleted["Attributes"]["age"], Json({{"N", "4"}}));
  EXPECT_EQ(
      Ok("get-item", R"({"TableName": "Pets", "Key": {"pk": {"S": "cat"}}})"),
      Json::object());
}

TEST_F(CliTest, StreamOperations) {
  CreatePets();
  Ok("put-item",
     R"({"TableName": "Pets", "Item": {"pk": {"S": "a"}, "v": {"N": "1"}}})");
  Ok("update-item", R"({"TableName": "Pets", "Key": {"pk": {"S": "a"}},
      "AttributeUpdates": {"v": {"Value": {"N": "2"}}}})");
  Ok("delete-item", R"({"TableName": "Pets", "Key": {"pk": {"S": "a"}}})");

  Json streams = Ok("list-streams", R"({"TableName": "Pets"})")["Streams"];
  ASSERT_EQ(streams.size(), 1u);
  std::string arn = streams[0]["StreamArn"];
  Json description = Ok("describe-stream",
                        Json{{"StreamArn", arn}}.dump())["StreamDescription"];
  EXPECT_EQ(description["StreamStatus"], "ENABLED");
  ASSERT_GE(description["Shards"].size(), 1u);
  std::string shard = description["Shards"][0]["ShardId"];
  Json iterator =
      Ok("get-shard-iterator", Json{{"StreamArn", arn},
                                    {"ShardId", shard},
                                    {"ShardIteratorType", "TRIM_HORIZON"}}
                                   .dump());
  Json page = Ok("get-records",
                 Json{{"ShardIterator", iterator["ShardIterator"]}}.dump());
  ASSERT_EQ(page["Records"].size(), 3u) << page.dump(2);
  EXPECT_EQ(page["Records"][0]["eventName"], "INSERT");
  EXPECT_EQ(page["Records"][1]["eventName"], "MODIFY");
  EXPECT_EQ(page["Records"][2]["eventName"], "REMOVE");
  const Json& modify = page["Records"][1]["dynamodb"];
  EXPECT_EQ(modify["OldImage"]["v"], Json({{"N", "1"}}));
  EXPECT_EQ(modify["NewImage"]["v"], Json({{"N", "2"}}));
  EXPECT_TRUE(modify["ApproximateCreationDateTime"].is_number_integer());
  EXPECT_TRUE(page.contains("NextShardIterator"));  // the shard is open
}

TEST_F(CliTest, PrettyPrintsLikeTheAwsCli) {
  Result r = Run({"--db", db_, "list-tables"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\n    \"TableNames\": []\n}\n");
}

TEST_F(CliTest, ReadsInputFromFile) {
  std::string path = dir_ + "/request.json";
  std::ofstream(path) << R"({"TableName": "Pets",
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]})";
  Result r =
      Run({"--db", db_, "create-table", "--cli-input-json", "file://" + path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["TableDescription"]["TableName"], "Pets");
}

TEST_F(CliTest, DatabaseFromEnvironment) {
  std::string env_db = dir_ + "/envdb";
  Result r = Run({"create-table", "--cli-input-json",
                  R"({"TableName": "Env",
                      "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
                      "AttributeDefinitions": [{"AttributeName": "k",
                                                "AttributeType": "N"}]})"},
                 env_db.c_str());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(env_db));
  r = Run({"--db", env_db, "list-tables"});
  EXPECT_EQ(Json::parse(r.out)["TableNames"], Json::array({"Env"}));

  // Neither --db nor $TABLESTREAM_DB: ./tablestream-data.
  r = Run({"list-tables"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/tablestream-data"));
}

TEST_F(CliTest, OperationErrorsAreJsonOnStderr) {
  Json e = Fails("describe-table", R"({"TableName": "Missing"})",
                 "ResourceNotFoundException");
  Fails("get-item", R"({"TableName": "Missing", "Key": {"pk": {"S": "a"}}})",
        "ResourceNotFoundException");
  e = Fails("put-item", R"({"TableName": "Pets", "Item": )",
            "SerializationException");
  EXPECT_THAT(e["message"].get<std::string>(), HasSubstr("not valid JSON"));
  e = Fails("put-item", R"({"TableName": "Pets", "Item": {"a": {"N": 5}}})",
            "SerializationException");
  e = Fails("put-item", R"({"TableName": "Pets", "Itme": {}})",
            "ValidationException");
  EXPECT_THAT(e["message"].get<std::string>(),
              HasSubstr("Unknown member \"Itme\" in PutItemRequest"));
  e = Fails("describe-table", "{}", "ValidationException");
  EXPECT_EQ(e["message"],
            "1 validation error detected: Value null at 'tableName' failed to "
            "satisfy constraint: Member must not be null");
  CreatePets();
  Fails("put-item", R"({"TableName": "Pets", "Item": {"pk": {"S": "a"}},
      "Expected": {"pk": {"Exists": true, "Value": {"S": "zzz"}}}})",
        "ConditionalCheckFailedException");
}

TEST_F(CliTest, BatchesAndTransactions) {
  CreatePets();
  EXPECT_EQ(Ok("batch-write-item", R"j({"RequestItems": {"Pets": [
      {"PutRequest": {"Item": {"pk": {"S": "cat"}, "n": {"N": "1"}}}},
      {"PutRequest": {"Item": {"pk": {"S": "dog"}}}}]}})j"),
            Json({{"UnprocessedItems", Json::object()}}));
  Json got = Ok("batch-get-item", R"j({"RequestItems": {"Pets": {"Keys": [
      {"pk": {"S": "cat"}}, {"pk": {"S": "dog"}}]}}})j");
  EXPECT_EQ(got["Responses"]["Pets"].size(), 2u);
  EXPECT_EQ(got["UnprocessedKeys"], Json::object());
  EXPECT_EQ(Ok("transact-write-items", R"j({"TransactItems": [
      {"Update": {"TableName": "Pets", "Key": {"pk": {"S": "cat"}},
                  "UpdateExpression": "ADD n :one",
                  "ExpressionAttributeValues": {":one": {"N": "1"}}}},
      {"Delete": {"TableName": "Pets", "Key": {"pk": {"S": "dog"}}}}],
      "ClientRequestToken": "t1"})j"),
            Json::object());
  got = Ok("transact-get-items", R"j({"TransactItems": [
      {"Get": {"TableName": "Pets", "Key": {"pk": {"S": "cat"}}}},
      {"Get": {"TableName": "Pets", "Key": {"pk": {"S": "dog"}}}}]})j");
  EXPECT_EQ(got["Responses"][0]["Item"]["n"], Json({{"N", "2"}}));
  EXPECT_EQ(got["Responses"][1], Json::object());
  Json e = Fails("transact-write-items", R"j({"TransactItems": [
      {"ConditionCheck": {"TableName": "Pets", "Key": {"pk": {"S": "dog"}},
                          "ConditionExpression": "attribute_exists(pk)"}},
      {"Put": {"TableName": "Pets", "Item": {"pk": {"S": "eel"}}}}]})j",
                 "TransactionCanceledException");
  EXPECT_EQ(e["CancellationReasons"],
            Json::parse(R"j([{"Code": "ConditionalCheckFailed",
                "Message": "The conditional request failed"},
                {"Code": "None"}])j"));
  Fails("transact-write-items", R"j({"TransactItems": [
      {"Update": {"TableName": "Pets", "Key": {"pk": {"S": "cat"}},
                  "UpdateExpression": "REMOVE n"}}],
      "ClientRequestToken": "t1"})j",
        "IdempotentParameterMismatchException");
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  Result r = Run({"--db", db_, "put-items", "--cli-input-json", "{}"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown operation \"put-items\""));
  EXPECT_THAT(r.err, HasSubstr("create-table"));
  EXPECT_THAT(r.err, HasSubstr("get-records"));

  r = Run({"--db", db_, "put-item"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--cli-input-json"));

  r = Run({"--db", db_, "put-item", "--cli-input-json", "file:///no/such"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("/no/such"));

  r = Run({"--bogus"});
  EXPECT_EQ(r.exit_code, 2);

  r = Run({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("usage:"));
  // Nothing was created for a usage error.
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliTest, HelpListsOperations) {
  Result r = Run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* op : {"create-table", "put-item", "get-shard-iterator",
                         "get-records", "demo", "TABLESTREAM_DB"}) {
    EXPECT_THAT(r.out, HasSubstr(op));
  }
}

TEST_F(CliTest, DemoShowsTheThreeEventsAndRunsAgain) {
  for (int run = 0; run < 2; ++run) {
    SCOPED_TRACE(run);
    Result r = Run({"--db", db_, "demo"});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    EXPECT_THAT(r.out, HasSubstr("New item added: {"));
    EXPECT_THAT(r.out, HasSubstr("Item modified. Old: {"));
    EXPECT_THAT(r.out, HasSubstr("Item removed: {"));
    EXPECT_THAT(r.out, HasSubstr("removed: nickname"));
    for (const char* view :
         {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"}) {
      EXPECT_THAT(r.out, HasSubstr(view));
    }
    // The summary row of KEYS_ONLY: keys only, for every event.
    EXPECT_THAT(r.out, testing::ContainsRegex("KEYS_ONLY +Keys +Keys +Keys\n"));
    EXPECT_THAT(r.out, testing::ContainsRegex(
                           "NEW_AND_OLD_IMAGES +Keys, NewImage +Keys, "
                           "NewImage, OldImage +Keys, OldImage\n"));
  }
}

}  // namespace
}  // namespace tablestream

namespace tablestream {
namespace {

class CliTailTest : public CliTest {
 protected:
  // Puts items "a", "b", "c" and returns the records as get-records prints
  // them.
  Json PutThreeAndGetRecords() {
    CreatePets();
    for (const char* k : {"a", "b", "c"}) {
      Ok("put-item",
         Json{{"TableName", "Pets"}, {"Item", {{"pk", {{"S", k}}}}}}.dump());
    }
    std::string arn = Ok("list-streams",
                         R"({"TableName": "Pets"})")["Streams"][0]["StreamArn"];
    std::string shard =
        Ok("describe-stream",
           Json{{"StreamArn", arn}}
               .dump())["StreamDescription"]["Shards"][0]["ShardId"];
    Json iterator =
        Ok("get-shard-iterator", Json{{"StreamArn", arn},
                                      {"ShardId", shard},
                                      {"ShardIteratorType", "TRIM_HORIZON"}}
                                     .dump());
    return Ok(
        "get-records",
        Json{{"ShardIterator", iterator["ShardIterator"]}}.dump())["Records"];
  }

  // The lines of a successful tail run, each parsed.
  std::vector<Json> Tail(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"--db", db_, "tail", "--table-name",
                                     "Pets"};
    args.insert(args.end(), extra.begin(), extra.end());
    Result r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<Json> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
      lines.push_back(Json::parse(line));
    }
    return lines;
  }
};

TEST_F(CliTailTest, PrintsOneRecordPerLineAsGetRecordsDoes) {
  Json records = PutThreeAndGetRecords();
  std::vector<Json> lines = Tail({});
  ASSERT_EQ(lines.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(lines[i], records[i]);
  EXPECT_TRUE(Tail({"--from", "LATEST"}).empty());
  EXPECT_EQ(Tail({"--from", "AT_TIMESTAMP:0"}).size(), 3u);
  EXPECT_TRUE(Tail({"--from", "AT_TIMESTAMP:99999999999"}).empty());

  Result bad =
      Run({"--db", db_, "tail", "--table-name", "Pets", "--from", "YESTERDAY"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("ValidationException"));
  Result missing = Run({"--db", db_, "tail", "--table-name", "Nope"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("ResourceNotFoundException"));
  EXPECT_EQ(Run({"--db", db_, "tail"}).exit_code, 2);
  EXPECT_EQ(Run({"--db", db_, "list-tables", "--follow"}).exit_code, 2);
}

TEST_F(CliTailTest, ConsumerResumesFromItsCheckpoint) {
  Json records = PutThreeAndGetRecords();
  std::vector<Json> first = Tail({"--consumer", "printer"});
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[2], records[2]);
  EXPECT_TRUE(Tail({"--consumer", "printer"}).empty());
  Ok("put-item", R"({"TableName": "Pets", "Item": {"pk": {"S": "d"}}})");
  std::vector<Json> next = Tail({"--consumer", "printer"});
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0]["dynamodb"]["Keys"]["pk"]["S"], "d");
  Json consumer =
      Ok("describe-consumer",
         R"({"TableName": "Pets", "ConsumerName": "printer"})")["Consumer"];
  EXPECT_EQ(consumer["RecordsBehind"], 0);
}

TEST_F(CliTailTest, ConsumerOperations) {
  PutThreeAndGetRecords();
  Json created =
      Ok("create-consumer",
         R"({"TableName": "Pets", "ConsumerName": "c1"})")["Consumer"];
  EXPECT_EQ(created["ConsumerName"], "c1");
  EXPECT_EQ(created["RecordsBehind"], 3);
  ASSERT_EQ(created["Shards"].size(), 1u);
  EXPECT_EQ(created["Shards"][0]["NextSequenceNumber"],
            "100000000000000000001");
  Fails("create-consumer", R"({"TableName": "Pets", "ConsumerName": "c1"})",
        "ResourceInUseException");
  Ok("create-consumer", Json{{"StreamArn", created["StreamArn"]},
                             {"ConsumerName", "c2"},
                             {"StartingPosition", "LATEST"}}
                            .dump());
  Json list = Ok("list-consumers", R"({"TableName": "Pets"})")["Consumers"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["ConsumerName"], "c2");

  Json reset = Ok("reset-consumer", R"({"TableName": "Pets",
      "ConsumerName": "c1", "Position": "LATEST"})")["Consumer"];
  EXPECT_EQ(reset["RecordsBehind"], 0);
  ASSERT_EQ(reset["SkippedRanges"].size(), 1u);
  EXPECT_EQ(reset["SkippedRanges"][0]["FirstSequenceNumber"],
            "100000000000000000001");
  EXPECT_EQ(reset["SkippedRanges"][0]["Reason"], "reset to LATEST");
  Fails("reset-consumer", R"({"TableName": "Pets", "ConsumerName": "c1",
      "Position": "AT_SEQUENCE_NUMBER"})",
        "ValidationException");
  Fails("reset-consumer", R"({"TableName": "Pets", "ConsumerName": "c1",
      "Position": "SOMEWHERE"})",
        "ValidationException");

  EXPECT_EQ(
      Ok("delete-consumer", R"({"TableName": "Pets", "ConsumerName": "c1"})"),
      Json::object());
  Fails("describe-consumer", R"({"TableName": "Pets", "ConsumerName": "c1"})",
        "ResourceNotFoundException");
  Fails("delete-consumer", R"({"TableName": "Pets", "ConsumerName": "c1"})",
        "ResourceNotFoundException");
  Fails("list-consumers", R"({"TableName": "Nope"})",
        "ResourceNotFoundException");
  Fails(
      "list-consumers",
      R"({"StreamArn": "arn:aws:dynamodb:us-east-1:000000000000:table/X/stream/y"})",
      "ResourceNotFoundException");
  Fails("describe-consumer", R"({"TableName": "Pets", "ConsumerName": "a b"})",
        "ValidationException");
  Fails("describe-consumer", R"({"ConsumerName": "c2"})",
        "ValidationException");
}

TEST_F(CliTailTest, FollowPrintsThenStopsOnSigterm) {
  PutThreeAndGetRecords();
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    execl(TABLESTREAM_BIN, TABLESTREAM_BIN, "--db", db_.c_str(), "tail",
          "--table-name", "Pets", "--follow", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // The records are printed after the signal handlers are installed: once
  // the third line is here, SIGTERM asks tail to stop.
  std::string text;
  char buf[4096];
  while (std::count(text.begin(), text.end(), '\n') < 3) {
    const ssize_t n = read(out[0], buf, sizeof(buf));
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  close(out[0]);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;
}

}  // namespace
}  // namespace tablestream
