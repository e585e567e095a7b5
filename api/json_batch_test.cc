// Copyright 2026 The tablestream Authors.
//
// BatchGetItem, BatchWriteItem, TransactWriteItems, TransactGetItems and
// ReturnValuesOnConditionCheckFailure through JsonApi, end to end: the JSON
// DynamoDB takes and returns, errors included.

#include <string>

#include "api/json_api_fixture.h"
#include "gmock/gmock.h"

namespace tablestream {
namespace api {
namespace {

using ::testing::HasSubstr;

class JsonBatchTest : public JsonApiTest {
 protected:
  void SetUp() override {
    JsonApiTest::SetUp();
    users_ = CreateTable("Users", "NEW_AND_OLD_IMAGES");
    orders_ = CreateTable("Orders", "NEW_IMAGE");
  }
  std::string users_, orders_;
};

TEST_F(JsonBatchTest, BatchWriteThenBatchGetRoundTrip) {
  Json written = Ok("BatchWriteItem", J(R"j({"RequestItems": {
      "Users": [{"PutRequest": {"Item": {"pk": {"S": "u1"}, "n": {"N": "1"}}}},
                {"PutRequest": {"Item": {"pk": {"S": "u2"}}}}],
      "Orders": [{"PutRequest": {"Item": {"pk": {"S": "o1"}}}},
                 {"DeleteRequest": {"Key": {"pk": {"S": "none"}}}}]},
      "ReturnConsumedCapacity": "NONE"})j"));
  EXPECT_EQ(written, J(R"j({"UnprocessedItems": {}})j"));
  EXPECT_EQ(ReadAll(users_).size(), 2u);
  EXPECT_EQ(ReadAll(orders_).size(), 1u);

  Json got = Ok("BatchGetItem", J(R"j({"RequestItems": {
      "Users": {"Keys": [{"pk": {"S": "u1"}}, {"pk": {"S": "nope"}}],
                "ProjectionExpression": "#n",
                "ExpressionAttributeNames": {"#n": "n"},
                "ConsistentRead": true},
      "Orders": {"Keys": [{"pk": {"S": "o1"}}]}}})j"));
  EXPECT_EQ(got, J(R"j({"Responses": {"Orders": [{"pk": {"S": "o1"}}],
                                     "Users": [{"n": {"N": "1"}}]},
                       "UnprocessedKeys": {}})j"));
}

TEST_F(JsonBatchTest, BatchBadInput) {
  absl::Status s = Err("BatchWriteItem", J(R"j({"RequestItems": {"Users": [
      {"PutRequest": {"Item": {"pk": {"S": "a"}}}},
      {"DeleteRequest": {"Key": {"pk": {"S": "a"}}}}]}})j"));
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_THAT(ErrorMessage(s),
              HasSubstr("Provided list of item keys contains duplicates"));
  s = Err("BatchWriteItem", J(R"j({"RequestItems": {"Users": [
      {"PutRequest": {"Item": {"pk": {"S": "a"}}},
       "DeleteRequest": {"Key": {"pk": {"S": "b"}}}}]}})j"));
  EXPECT_THAT(ErrorMessage(s), HasSubstr("requestItems.Users.1.member"));
  s = Err("BatchGetItem", J(R"j({"RequestItems": {"Nope": {"Keys": [
      {"pk": {"S": "a"}}]}}})j"));
  EXPECT_EQ(ExceptionName(s), kResourceNotFoundException);
  s = Err("BatchGetItem", J(R"j({"RequestItems": {"Users": {}}})j"));
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_THAT(ErrorMessage(s), HasSubstr("keys"));
  EXPECT_TRUE(ReadAll(users_).empty());
}

TEST_F(JsonBatchTest, TransactWriteAndGet) {
  Ok("PutItem", J(R"j({"TableName": "Users", "Item": {"pk": {"S": "u1"},
                      "balance": {"N": "10"}}})j"));
  Ok("PutItem", J(R"j({"TableName": "Users", "Item": {"pk": {"S": "u2"}}})j"));
  Json request = J(R"j({"TransactItems": [
      {"Update": {"TableName": "Users", "Key": {"pk": {"S": "u1"}},
                  "UpdateExpression": "SET balance = balance - :p",
                  "ConditionExpression": "balance >= :p",
                  "ExpressionAttributeValues": {":p": {"N": "4"}}}},
      {"Put": {"TableName": "Orders", "Item": {"pk": {"S": "o1"}},
               "ConditionExpression": "attribute_not_exists(pk)"}},
      {"ConditionCheck": {"TableName": "Users", "Key": {"pk": {"S": "u2"}},
                          "ConditionExpression": "attribute_exists(pk)"}}],
      "ClientRequestToken": "order-o1"})j");
  EXPECT_EQ(Ok("TransactWriteItems", request), Json::object());
  EXPECT_EQ(Ok("TransactWriteItems", request), Json::object());  // replay
  EXPECT_EQ(ReadAll(users_).size(), 3u);
  EXPECT_EQ(ReadAll(orders_).size(), 1u);

  Json got = Ok("TransactGetItems", J(R"j({"TransactItems": [
      {"Get": {"TableName": "Users", "Key": {"pk": {"S": "u1"}},
               "ProjectionExpression": "balance"}},
      {"Get": {"TableName": "Orders", "Key": {"pk": {"S": "o2"}}}}]})j"));
  EXPECT_EQ(got, J(R"j({"Responses": [{"Item": {"balance": {"N": "6"}}},
                                     {}]})j"));

  request["ClientRequestToken"] = "order-o1-again";
  request["TransactItems"][0]["Update"]["ReturnValuesOnConditionCheckFailure"] =
      "ALL_OLD";
  request["TransactItems"][0]["Update"]["ExpressionAttributeValues"][":p"] =
      J(R"j({"N": "100"})j");
  absl::Status s = Err("TransactWriteItems", request);
  Json error = ErrorToJson(s);
  EXPECT_EQ(error["__type"], "TransactionCanceledException");
  EXPECT_EQ(error["message"],
            "Transaction cancelled, please refer cancellation reasons for "
            "specific reasons [ConditionalCheckFailed, ConditionalCheckFailed, "
            "None]");
  EXPECT_EQ(error["CancellationReasons"], J(R"j([
      {"Code": "ConditionalCheckFailed",
       "Message": "The conditional request failed",
       "Item": {"balance": {"N": "6"}, "pk": {"S": "u1"}}},
      {"Code": "ConditionalCheckFailed",
       "Message": "The conditional request failed"},
      {"Code": "None"}])j"));
  EXPECT_EQ(ReadAll(users_).size(), 3u);

  s = Err("TransactWriteItems", J(R"j({"TransactItems": [
      {"Put": {"TableName": "Users", "Item": {"pk": {"S": "x"}}},
       "Delete": {"TableName": "Users", "Key": {"pk": {"S": "x"}}}}]})j"));
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_THAT(ErrorMessage(s), HasSubstr("transactItems.1.member"));
  s = Err("TransactWriteItems", J(R"j({"TransactItems": [
      {"ConditionCheck": {"TableName": "Users", "Key": {"pk": {"S": "x"}}}}]})j"));
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_THAT(ErrorMessage(s), HasSubstr("conditionExpression"));
}

TEST_F(JsonBatchTest, ConditionalCheckFailedCarriesTheItem) {
  Ok("PutItem", J(R"j({"TableName": "Users", "Item": {"pk": {"S": "u1"},
                      "v": {"N": "1"}}})j"));
  absl::Status s = Err("DeleteItem", J(R"j({"TableName": "Users",
      "Key": {"pk": {"S": "u1"}}, "ConditionExpression": "v = :two",
      "ExpressionAttributeValues": {":two": {"N": "2"}},
      "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})j"));
  EXPECT_EQ(ErrorToJson(s), J(R"j({"__type": "ConditionalCheckFailedException",
      "message": "The conditional request failed",
      "Item": {"pk": {"S": "u1"}, "v": {"N": "1"}}})j"));
  s = Err("PutItem", J(R"j({"TableName": "Users", "Item": {"pk": {"S": "u1"}},
      "ReturnValuesOnConditionCheckFailure": "ALL_NEW"})j"));
  EXPECT_EQ(ExceptionName(s), kValidationException);
}

}  // namespace
}  // namespace api
}  // namespace tablestream
