// Copyright 2026 The tablestream Authors.
//
// JsonApi end to end: AWS-shaped JSON in, JSON out, on a real engine in a
// temporary directory with a manual clock.

#include <string>

#include "api/json_api_fixture.h"
#include "gmock/gmock.h"

namespace tablestream {
namespace api {
namespace {

using ::testing::HasSubstr;

TEST_F(JsonApiTest, TableLifecycle) {
  std::string arn = CreateTable("Users", "NEW_AND_OLD_IMAGES");
  EXPECT_THAT(arn, HasSubstr(":table/Users/stream/"));

  Json table = Ok("DescribeTable", {{"TableName", "Users"}})["Table"];
  EXPECT_EQ(table["TableName"], "Users");
  EXPECT_EQ(table["TableStatus"], "ACTIVE");
  EXPECT_EQ(table["ItemCount"], 0);
  EXPECT_EQ(table["KeySchema"],
            J(R"([{"AttributeName":"pk","KeyType":"HASH"}])"));
  EXPECT_EQ(
      table["StreamSpecification"],
      J(R"({"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"})"));
  EXPECT_EQ(table["LatestStreamArn"], arn);
  EXPECT_TRUE(table["CreationDateTime"].is_number());
  EXPECT_NEAR(table["CreationDateTime"].get<double>(), kStartSeconds, 1);

  CreateTable("Accounts", "KEYS_ONLY");
  EXPECT_EQ(Ok("ListTables", J("{}")),
            J(R"({"TableNames":["Accounts","Users"]})"));
  EXPECT_EQ(
      Ok("ListTables", J(R"({"Limit":1})")),
      J(R"({"TableNames":["Accounts"],"LastEvaluatedTableName":"Accounts"})"));

  absl::Status s = Err("CreateTable", J(R"({"TableName":"Users",
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]})"));
  EXPECT_EQ(ExceptionName(s), kResourceInUseException);

  Json deleted = Ok("DeleteTable", {{"TableName", "Accounts"}});
  EXPECT_EQ(deleted["TableDescription"]["TableName"], "Accounts");
  EXPECT_EQ(ExceptionName(Err("DescribeTable", {{"TableName", "Accounts"}})),
            kResourceNotFoundException);
}

TEST_F(JsonApiTest, ItemsRoundTripEveryType) {
  CreateTable("Tab", "NEW_IMAGE");
  Json item = J(R"({
    "pk": {"S": "k"}, "n": {"N": "1.50"}, "b": {"B": "AAEC"},
    "t": {"BOOL": false}, "z": {"NULL": true},
    "m": {"M": {"x": {"L": [{"N": "1"}, {"S": "y"}]}}},
    "ss": {"SS": ["b", "a"]}, "ns": {"NS": ["10", "1.5"]},
    "bs": {"BS": ["Ag==", "AQ=="]}
  })");
  EXPECT_EQ(Ok("PutItem", {{"TableName", "Tab"}, {"Item", item}}), J("{}"));
  Json got =
      Ok("GetItem", {{"TableName", "Tab"}, {"Key", {{"pk", {{"S", "k"}}}}}});
  Json expected = J(R"({
    "b": {"B": "AAEC"}, "bs": {"BS": ["AQ==", "Ag=="]},
    "m": {"M": {"x": {"L": [{"N": "1"}, {"S": "y"}]}}},
    "n": {"N": "1.5"}, "ns": {"NS": ["1.5", "10"]}, "pk": {"S": "k"},
    "ss": {"SS": ["a", "b"]}, "t": {"BOOL": false}, "z": {"NULL": true}
  })");
  EXPECT_EQ(got, Json({{"Item", expected}})) << got.dump(2);

  Json projected = Ok("GetItem", J(R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},
                                       "AttributesToGet":["n","z"]})"));
  EXPECT_EQ(projected, J(R"({"Item":{"n":{"N":"1.5"},"z":{"NULL":true}}})"));
  EXPECT_EQ(
      Ok("GetItem", J(R"({"TableName":"Tab","Key":{"pk":{"S":"nope"}}})")),
      J("{}"));
}

TEST_F(JsonApiTest, LegacyConditionsAndReturnValues) {
  CreateTable("Tab", "KEYS_ONLY");
  Ok("PutItem",
     J(R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"v":{"N":"1"}}})"));
  absl::Status s = Err("PutItem", J(R"({"TableName":"Tab",
      "Item":{"pk":{"S":"a"}}, "Expected":{"pk":{"Exists":false}}})"));
  EXPECT_EQ(ExceptionName(s), kConditionalCheckFailedException);

  Json r = Ok("PutItem",
              J(R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"v":{"N":"2"}},
      "Expected":{"v":{"Value":{"N":"1"}}},"ReturnValues":"ALL_OLD"})"));
  EXPECT_EQ(r, J(R"({"Attributes":{"pk":{"S":"a"},"v":{"N":"1"}}})"));

  r = Ok("UpdateItem", J(R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
      "AttributeUpdates":{"v":{"Action":"ADD","Value":{"N":"5"}},
                          "w":{"Value":{"SS":["x"]}}},
      "ReturnValues":"UPDATED_NEW"})"));
  EXPECT_EQ(r, J(R"({"Attributes":{"v":{"N":"7"},"w":{"SS":["x"]}}})"));

  r = Ok("DeleteItem", J(R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
      "Expected":{"v":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"6"}]}},
      "ReturnValues":"ALL_OLD"})"));
  EXPECT_EQ(r["Attributes"]["v"], J(R"({"N":"7"})"));
  EXPECT_EQ(
      Ok("DeleteItem", J(R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})")),
      J("{}"));
}

TEST_F(JsonApiTest, StreamRecordsAsAwsReturnsThem) {
  std::string arn = CreateTable("Pets", "NEW_AND_OLD_IMAGES");
  Ok("PutItem", J(R"({"TableName":"Pets","Item":{"pk":{"S":"cat"},
                     "age":{"N":"3"},"nick":{"S":"W"}}})"));
  clock_->AdvanceSeconds(60);
  Ok("UpdateItem", J(R"({"TableName":"Pets","Key":{"pk":{"S":"cat"}},
      "AttributeUpdates":{"age":{"Value":{"N":"4"}},"nick":{"Action":"DELETE"}}})"));
  Ok("DeleteItem", J(R"({"TableName":"Pets","Key":{"pk":{"S":"cat"}}})"));

  Json streams = Ok("ListStreams", {{"TableName", "Pets"}});
  ASSERT_EQ(streams["Streams"].size(), 1u);
  EXPECT_EQ(streams["Streams"][0]["StreamArn"], arn);
  EXPECT_EQ(streams["Streams"][0]["TableName"], "Pets");

  Json d = Ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
  EXPECT_EQ(d["StreamStatus"], "ENABLED");
  EXPECT_EQ(d["StreamViewType"], "NEW_AND_OLD_IMAGES");
  EXPECT_EQ(d["TableName"], "Pets");
  EXPECT_FALSE(
      d["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));

  Json last_page;
  Json records = ReadAll(arn, &last_page);
  ASSERT_EQ(records.size(), 3u) << records.dump(2);
  EXPECT_TRUE(last_page.contains("NextShardIterator"));  // open shard
  const Json& insert = records[0];
  EXPECT_EQ(insert["eventName"], "INSERT");
  EXPECT_EQ(insert["eventVersion"], "1.1");
  EXPECT_EQ(insert["eventSource"], "aws:dynamodb");
  EXPECT_EQ(insert["awsRegion"], "us-east-1");
  EXPECT_EQ(insert["eventID"].get<std::string>().size(), 32u);
  EXPECT_FALSE(insert.contains("userIdentity"));
  EXPECT_EQ(insert["dynamodb"]["ApproximateCreationDateTime"], kStartSeconds);
  EXPECT_EQ(insert["dynamodb"]["Keys"], J(R"({"pk":{"S":"cat"}})"));
  EXPECT_FALSE(insert["dynamodb"].contains("OldImage"));
  EXPECT_EQ(insert["dynamodb"]["StreamViewType"], "NEW_AND_OLD_IMAGES");
  EXPECT_GT(insert["dynamodb"]["SizeBytes"].get<int64_t>(), 0);

  const Json& modify = records[1]["dynamodb"];
  EXPECT_EQ(records[1]["eventName"], "MODIFY");
  EXPECT_EQ(modify["ApproximateCreationDateTime"], kStartSeconds + 60);
  EXPECT_EQ(modify["OldImage"], insert["dynamodb"]["NewImage"]);
  EXPECT_EQ(modify["NewImage"], J(R"({"age":{"N":"4"},"pk":{"S":"cat"}})"));
  EXPECT_EQ(records[2]["eventName"], "REMOVE");
  EXPECT_EQ(records[2]["dynamodb"]["OldImage"], modify["NewImage"]);
  EXPECT_FALSE(records[2]["dynamodb"].contains("NewImage"));

  // Member order is AWS's.
  std::string text = FormatJson(records[0], -1);
  EXPECT_EQ(text.find("{\"eventID\":"), 0u) << text;
  EXPECT_LT(text.find("\"awsRegion\""), text.find("\"dynamodb\""));
  EXPECT_LT(text.find("\"Keys\""), text.find("\"NewImage\""));
  EXPECT_LT(text.find("\"NewImage\""), text.find("\"SequenceNumber\""));
}

TEST_F(JsonApiTest, DisabledStreamEndsWithoutNextIterator) {
  std::string arn = CreateTable("Tab", "KEYS_ONLY");
  Ok("PutItem", J(R"({"TableName":"Tab","Item":{"pk":{"S":"a"}}})"));
  Json updated = Ok("UpdateTable", J(R"({"TableName":"Tab",
      "StreamSpecification":{"StreamEnabled":false}})"));
  EXPECT_TRUE(updated.contains("TableDescription"));

  Json d = Ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
  EXPECT_EQ(d["StreamStatus"], "DISABLED");
  EXPECT_TRUE(
      d["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  Json last_page;
  Json records = ReadAll(arn, &last_page);
  EXPECT_EQ(records.size(), 1u);
  EXPECT_TRUE(last_page.contains("Records"));
  EXPECT_FALSE(last_page.contains("NextShardIterator")) << last_page.dump();

  // Enabling again makes a new stream; both are listed.
  updated = Ok("UpdateTable", J(R"({"TableName":"Tab",
      "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}})"));
  EXPECT_NE(updated["TableDescription"]["LatestStreamArn"], arn);
  EXPECT_EQ(Ok("ListStreams", {{"TableName", "Tab"}})["Streams"].size(), 2u);
}

TEST_F(JsonApiTest, TimeToLiveDeletesWithServiceRecords) {
  std::string arn = CreateTable("Tab", "NEW_AND_OLD_IMAGES");
  EXPECT_EQ(Ok("DescribeTimeToLive", J(R"({"TableName":"Tab"})")),
            J(R"({"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}})"));
  EXPECT_EQ(Ok("UpdateTimeToLive", J(R"({"TableName":"Tab",
      "TimeToLiveSpecification":{"Enabled":true,"AttributeName":"ttl"}})")),
            J(R"({"TimeToLiveSpecification":
                  {"Enabled":true,"AttributeName":"ttl"}})"));
  EXPECT_EQ(Ok("DescribeTimeToLive", J(R"({"TableName":"Tab"})")),
            J(R"({"TimeToLiveDescription":
                  {"TimeToLiveStatus":"ENABLED","AttributeName":"ttl"}})"));
  Json put = J(R"({"TableName":"Tab","Item":{"pk":{"S":"a"}}})");
  put["Item"]["ttl"] = {{"N", std::to_string(kStartSeconds - 1)}};
  Ok("PutItem", put);
  ASSERT_EQ(*engine_->DeleteExpiredItems(), 1);

  Json records = ReadAll(arn);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1]["eventName"], "REMOVE");
  EXPECT_EQ(records[1]["userIdentity"],
            J(R"({"type":"Service","principalId":"dynamodb.amazonaws.com"})"));
  EXPECT_FALSE(records[0].contains("userIdentity"));

  // Bad requests.
  EXPECT_EQ(ExceptionName(Err("UpdateTimeToLive", J(R"({"TableName":"Tab",
      "TimeToLiveSpecification":{"Enabled":true}})"))),
            kValidationException);
  EXPECT_EQ(ExceptionName(Err("UpdateTimeToLive", J(R"({"TableName":"Tab",
      "TimeToLiveSpecification":{"Enabled":"yes","AttributeName":"x"}})"))),
            kSerializationException);
  EXPECT_EQ(ExceptionName(Err("DescribeTimeToLive", J(R"({"TableName":"Nope"})"))),
            kResourceNotFoundException);
}

TEST_F(JsonApiTest, EngineValidatesValuesAndLimits) {
  std::string arn = CreateTable("Tab", "KEYS_ONLY");
  struct Case {
    const char* operation;
    const char* request;
  };
  const Case cases[] = {
      {"PutItem",
       R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"abc"}}})"},
      {"PutItem",
       R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"s":{"SS":[]}}})"},
      {"PutItem", R"({"TableName":"Tab","Item":{"pk":{"N":"1"}}})"},
      {"PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":""}}})"},
      {"GetItem", R"({"TableName":"Tab","Key":{}})"},
      {"ListTables", R"({"Limit":101})"},
      {"ListStreams", R"({"Limit":0})"},
      {"CreateTable",
       R"({"TableName":"x","KeySchema":[],"AttributeDefinitions":[]})"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.request);
    EXPECT_EQ(ExceptionName(Err(c.operation, J(c.request))),
              kValidationException);
  }
  Json d = Ok("DescribeStream", {{"StreamArn", arn}});
  Json it = Ok("GetShardIterator",
               {{"StreamArn", arn},
                {"ShardId", d["StreamDescription"]["Shards"][0]["ShardId"]},
                {"ShardIteratorType", "LATEST"}});
  EXPECT_EQ(
      ExceptionName(Err("GetRecords", {{"ShardIterator", it["ShardIterator"]},
                                       {"Limit", 1001}})),
      kValidationException);
  EXPECT_EQ(ExceptionName(Err("GetRecords", {{"ShardIterator", "garbage"}})),
            kValidationException);
  // The engine still works after all that.
  EXPECT_EQ(Ok("PutItem", J(R"({"TableName":"Tab","Item":{"pk":{"S":"ok"}}})")),
            J("{}"));
}

// Expressions and Query / Scan through the JSON API, with AWS member names.
TEST_F(JsonApiTest, ExpressionsQueryAndScan) {
  Ok("CreateTable", J(R"j({"TableName": "Orders",
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"}],
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                               {"AttributeName": "sk", "AttributeType": "N"}]
  })j"));
  for (int i = 1; i <= 5; ++i) {
    Json put = J(R"j({"TableName": "Orders",
        "ConditionExpression": "attribute_not_exists(pk)"})j");
    put["Item"] = {{"pk", {{"S", "u1"}}},
                   {"sk", {{"N", std::to_string(i)}}},
                   {"total", {{"N", std::to_string(i * 10)}}}};
    Ok("PutItem", put);
  }
  Json updated = Ok("UpdateItem", J(R"j({"TableName": "Orders",
      "Key": {"pk": {"S": "u1"}, "sk": {"N": "1"}},
      "UpdateExpression": "SET #t = #t + :d, tags = list_append(if_not_exists(tags, :empty), :tag)",
      "ConditionExpression": "#t < :max",
      "ExpressionAttributeNames": {"#t": "total"},
      "ExpressionAttributeValues": {":d": {"N": "5"}, ":max": {"N": "100"},
                                    ":empty": {"L": []},
                                    ":tag": {"L": [{"S": "gift"}]}},
      "ReturnValues": "UPDATED_NEW"})j"));
  EXPECT_EQ(updated, J(R"j({"Attributes": {"tags": {"L": [{"S": "gift"}]},
                                          "total": {"N": "15"}}})j"));

  Json page = Ok("Query", J(R"j({"TableName": "Orders",
      "KeyConditionExpression": "pk = :p AND sk >= :lo",
      "FilterExpression": "#t > :min",
      "ProjectionExpression": "sk, #t",
      "ExpressionAttributeNames": {"#t": "total"},
      "ExpressionAttributeValues": {":p": {"S": "u1"}, ":lo": {"N": "2"},
                                    ":min": {"N": "20"}},
      "ScanIndexForward": false, "Limit": 3})j"));
  EXPECT_EQ(page, J(R"j({"Items": [{"sk": {"N": "5"}, "total": {"N": "50"}},
                                  {"sk": {"N": "4"}, "total": {"N": "40"}},
                                  {"sk": {"N": "3"}, "total": {"N": "30"}}],
                        "Count": 3, "ScannedCount": 3,
                        "LastEvaluatedKey": {"pk": {"S": "u1"},
                                             "sk": {"N": "3"}}})j"));
  Json count = Ok("Scan", J(R"j({"TableName": "Orders", "Select": "COUNT",
      "Segment": 0, "TotalSegments": 1})j"));
  EXPECT_EQ(count, J(R"j({"Count": 5, "ScannedCount": 5})j"));

  absl::Status reserved = Err("Query", J(R"j({"TableName": "Orders",
      "KeyConditionExpression": "pk = :p AND size > :n",
      "ExpressionAttributeValues": {":p": {"S": "u1"}, ":n": {"N": "1"}}})j"));
  EXPECT_EQ(ErrorMessage(reserved),
            "Invalid KeyConditionExpression: Attribute name is a reserved "
            "keyword; reserved keyword: size");
  absl::Status unused = Err("UpdateItem", J(R"j({"TableName": "Orders",
      "Key": {"pk": {"S": "u1"}, "sk": {"N": "1"}},
      "UpdateExpression": "REMOVE tags",
      "ExpressionAttributeValues": {":v": {"S": "x"}}})j"));
  EXPECT_EQ(ErrorMessage(unused),
            "Value provided in ExpressionAttributeValues unused in "
            "expressions: keys: {:v}");
  EXPECT_EQ(ExceptionName(Err("Query", J(R"j({"TableName": "Orders",
      "KeyConditions": {}})j"))),
            kValidationException);
  EXPECT_THAT(ErrorMessage(Err("Query", J(R"j({"TableName": "Orders"})j"))),
              HasSubstr("KeyConditionExpression parameter must be specified"));
}

}  // namespace
}  // namespace api
}  // namespace tablestream
