// Copyright 2026 The tablestream Authors.
//
// Request parsing of every operation: the happy path, and each kind of
// malformed request (missing, unknown, unsupported and wrongly typed members,
// bad enum values, ReturnValues per operation).

#include <string>

#include "api/item_json.h"
#include "api/stream_json.h"
#include "api/table_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Json J(const char* text) { return Json::parse(text); }

#define EXPECT_ERROR(expr, exception, message_part)               \
  do {                                                            \
    absl::Status _s = (expr).status();                            \
    EXPECT_EQ(ExceptionName(_s), exception) << _s;                \
    EXPECT_THAT(ErrorMessage(_s), HasSubstr(message_part)) << _s; \
  } while (0)

// ---- Tables ----

TEST(CreateTableRequestTest, ParsesFullRequest) {
  absl::StatusOr<CreateTableRequest> r = ParseCreateTableRequest(J(R"({
    "TableName": "Users",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                  {"AttributeName": "sk", "KeyType": "RANGE"}],
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "sk", "AttributeType": "N"}],
    "StreamSpecification": {"StreamEnabled": true,
                            "StreamViewType": "NEW_AND_OLD_IMAGES"},
    "BillingMode": "PROVISIONED",
    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
  })"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->table_name, "Users");
  ASSERT_EQ(r->key_schema.size(), 2u);
  EXPECT_EQ(r->key_schema[1].attribute_name, "sk");
  EXPECT_EQ(r->key_schema[1].key_type, KeyType::kRange);
  ASSERT_EQ(r->attribute_definitions.size(), 2u);
  EXPECT_EQ(r->attribute_definitions[1].attribute_type,
            ScalarAttributeType::kN);
  ASSERT_TRUE(r->stream_specification.has_value());
  EXPECT_TRUE(r->stream_specification->stream_enabled);
  EXPECT_EQ(r->stream_specification->stream_view_type,
            StreamViewType::kNewAndOldImages);
  EXPECT_EQ(r->billing_mode, "PROVISIONED");
}

TEST(CreateTableRequestTest, RefusesMalformedRequests) {
  const char* kKeys =
      R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
         "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}])";
  auto with = [&](const std::string& rest) {
    return ParseCreateTableRequest(
        Json::parse("{" + std::string(kKeys) + rest + "}"));
  };
  EXPECT_ERROR(with(""), kValidationException,
               "1 validation error detected: Value null at 'tableName' failed "
               "to satisfy constraint: Member must not be null");
  EXPECT_ERROR(ParseCreateTableRequest(J(R"({"TableName":"t",
                   "AttributeDefinitions":[]})")),
               kValidationException, "Value null at 'keySchema'");
  EXPECT_ERROR(with(R"(,"TableName":7)"), kSerializationException,
               "can not be converted to an String (at 'tableName')");
  EXPECT_ERROR(with(R"(,"TableName":"t","Foo":1)"), kValidationException,
               "Unknown member \"Foo\" in CreateTableRequest; allowed: "
               "AttributeDefinitions, TableName, KeySchema");
  EXPECT_ERROR(with(R"(,"TableName":"t","GlobalSecondaryIndexes":[])"),
               kValidationException,
               "\"GlobalSecondaryIndexes\" in CreateTableRequest is not "
               "supported");
  EXPECT_ERROR(with(R"(,"TableName":"t","StreamSpecification":{})"),
               kValidationException,
               "Value null at 'streamSpecification.streamEnabled'");
  EXPECT_ERROR(with(R"(,"TableName":"t",
                   "StreamSpecification":{"StreamEnabled":"yes"})"),
               kSerializationException, "can not be converted to an Boolean");
  EXPECT_ERROR(with(R"(,"TableName":"t","StreamSpecification":
                   {"StreamEnabled":true,"StreamViewType":"ALL"})"),
               kValidationException,
               "Value 'ALL' at 'streamSpecification.streamViewType' failed to "
               "satisfy constraint: Member must satisfy enum value set: "
               "[NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
  EXPECT_ERROR(with(R"(,"TableName":"t","BillingMode":"FREE")"),
               kValidationException, "at 'billingMode'");
  EXPECT_ERROR(with(R"(,"TableName":"t","ProvisionedThroughput":
                   {"ReadCapacityUnits":1})"),
               kValidationException,
               "Value null at 'provisionedThroughput.writeCapacityUnits'");
  EXPECT_ERROR(ParseCreateTableRequest(J(R"({"TableName":"t",
                   "KeySchema":[{"AttributeName":"pk","KeyType":"PRIMARY"}],
                   "AttributeDefinitions":[]})")),
               kValidationException,
               "Value 'PRIMARY' at 'keySchema.1.member.keyType'");
  EXPECT_ERROR(ParseCreateTableRequest(J(R"({"TableName":"t",
                   "KeySchema":[{"KeyType":"HASH"}],
                   "AttributeDefinitions":[]})")),
               kValidationException,
               "Value null at 'keySchema.1.member.attributeName'");
  EXPECT_ERROR(ParseCreateTableRequest(J(R"({"TableName":"t",
                   "KeySchema":{"AttributeName":"pk"},
                   "AttributeDefinitions":[]})")),
               kSerializationException,
               "Start of structure or map found where not expected.");
  EXPECT_ERROR(ParseCreateTableRequest(J(R"(["TableName"])")),
               kSerializationException,
               "CreateTableRequest must be a JSON object, not array");
  EXPECT_ERROR(ParseCreateTableRequest(J("7")), kSerializationException,
               "CreateTableRequest must be a JSON object, not number");
}

TEST(TableRequestTest, ParsesDescribeDeleteListUpdate) {
  EXPECT_EQ(*ParseDescribeTableRequest(J(R"({"TableName":"a"})")), "a");
  EXPECT_EQ(*ParseDeleteTableRequest(J(R"({"TableName":"b"})")), "b");
  EXPECT_ERROR(ParseDescribeTableRequest(J("{}")), kValidationException,
               "Value null at 'tableName'");
  EXPECT_ERROR(ParseDeleteTableRequest(J(R"({"TableName":"b","X":1})")),
               kValidationException,
               "Unknown member \"X\" in DeleteTableRequest");

  absl::StatusOr<ListTablesRequest> list =
      ParseListTablesRequest(J(R"({"ExclusiveStartTableName":"a","Limit":2})"));
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->exclusive_start_table_name, "a");
  EXPECT_EQ(list->limit, 2);
  list = ParseListTablesRequest(J("{}"));
  ASSERT_TRUE(list.ok());
  EXPECT_FALSE(list->limit.has_value());
  // Limit ranges are the engine's to check; 0 passes through.
  EXPECT_EQ(ParseListTablesRequest(J(R"({"Limit":0})"))->limit, 0);
  EXPECT_ERROR(ParseListTablesRequest(J(R"({"Limit":"2"})")),
               kSerializationException,
               "class java.lang.String can not be converted to an Integer");

  absl::StatusOr<UpdateTableRequest> update = ParseUpdateTableRequest(J(R"({
    "TableName":"t","StreamSpecification":{"StreamEnabled":false}})"));
  ASSERT_TRUE(update.ok()) << update.status();
  EXPECT_FALSE(update->stream_specification->stream_enabled);
  EXPECT_FALSE(update->stream_specification->stream_view_type.has_value());
  EXPECT_ERROR(ParseUpdateTableRequest(J(R"({"TableName":"t",
                   "GlobalSecondaryIndexUpdates":[]})")),
               kValidationException, "is not supported");
}

// ---- Items ----

TEST(PutItemRequestTest, ParsesLegacyConditions) {
  absl::StatusOr<PutItemRequest> r = ParsePutItemRequest(J(R"({
    "TableName": "t",
    "Item": {"pk": {"S": "a"}, "n": {"N": "1"}},
    "Expected": {
      "pk": {"Exists": false},
      "n": {"Value": {"N": "1"}},
      "v": {"ComparisonOperator": "BETWEEN",
            "AttributeValueList": [{"N": "1"}, {"N": "5"}]}
    },
    "ConditionalOperator": "OR",
    "ReturnValues": "ALL_OLD",
    "ReturnConsumedCapacity": "TOTAL",
    "ReturnItemCollectionMetrics": "NONE"
  })"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->table_name, "t");
  EXPECT_EQ(r->item.at("pk"), AttributeValue::S("a"));
  EXPECT_EQ(r->return_values, ReturnValue::kAllOld);
  EXPECT_EQ(r->expected.conditional_operator, ConditionalOperator::kOr);
  ASSERT_EQ(r->expected.expected.size(), 3u);
  EXPECT_EQ(r->expected.expected.at("pk").exists, false);
  EXPECT_EQ(r->expected.expected.at("n").value, AttributeValue::N("1"));
  const ExpectedAttributeValue& v = r->expected.expected.at("v");
  EXPECT_EQ(v.comparison_operator, ComparisonOperator::kBetween);
  EXPECT_THAT(v.attribute_value_list,
              ElementsAre(AttributeValue::N("1"), AttributeValue::N("5")));
}

TEST(PutItemRequestTest, RefusesMalformedRequests) {
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t"})")),
               kValidationException, "Value null at 'item'");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"Item":{}})")), kValidationException,
               "Value null at 'tableName'");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "Foo":1})")),
               kValidationException,
               "Unknown member \"Foo\" in PutItemRequest; allowed: TableName, "
               "Item, Expected, ConditionalOperator, ReturnValues");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "ReturnValues":"ALL_NEW"})")),
               kValidationException, "Return values set to invalid value");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "ReturnValues":"SOME"})")),
               kValidationException,
               "Value 'SOME' at 'returnValues' failed to satisfy constraint");
  {
    absl::StatusOr<PutItemRequest> e = ParsePutItemRequest(J(R"({
        "TableName":"t","Item":{},
        "ConditionExpression":"attribute_not_exists(pk) AND #a <> :b",
        "ExpressionAttributeNames":{"#a":"a"},
        "ExpressionAttributeValues":{":b":{"N":"1"}}})"));
    ASSERT_TRUE(e.ok()) << e.status();
    EXPECT_EQ(e->condition_expression, "attribute_not_exists(pk) AND #a <> :b");
    EXPECT_EQ(e->placeholders.names->at("#a"), "a");
    EXPECT_EQ(e->placeholders.values->at(":b"), AttributeValue::N("1"));
  }
  {
    // An empty map is kept (the engine refuses it, as DynamoDB does).
    absl::StatusOr<PutItemRequest> e = ParsePutItemRequest(J(R"({
        "TableName":"t","Item":{},"ExpressionAttributeValues":{}})"));
    ASSERT_TRUE(e.ok()) << e.status();
    EXPECT_TRUE(e->placeholders.values.has_value());
    EXPECT_FALSE(e->placeholders.names.has_value());
  }
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "ExpressionAttributeNames":{"#a":1}})")),
               kSerializationException, "(at 'expressionAttributeNames.#a')");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "ExpressionAttributeValues":{":a":{"N":1}}})")),
               kSerializationException, "expressionAttributeValues.:a");
  EXPECT_ERROR(
      ParsePutItemRequest(J(R"({"TableName":"t","Item":{"a":{"N":5}}})")),
      kSerializationException, "(at 'item.a.N')");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":[]})")),
               kSerializationException, "Start of list found");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "Expected":{"a":{"Exists":"no"}}})")),
               kSerializationException, "(at 'expected.a.exists')");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "Expected":{"a":{"ComparisonOperator":"LIKE"}}})")),
               kValidationException, "at 'expected.a.comparisonOperator'");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "Expected":{"a":{"Valu":{"S":"x"}}}})")),
               kValidationException,
               "Unknown member \"Valu\" in ExpectedAttributeValue");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "ConditionalOperator":"XOR"})")),
               kValidationException, "at 'conditionalOperator'");
  EXPECT_ERROR(ParsePutItemRequest(J(R"({"TableName":"t","Item":{},
                   "ReturnConsumedCapacity":"ALL"})")),
               kValidationException, "at 'returnConsumedCapacity'");
}

TEST(GetItemRequestTest, Parses) {
  absl::StatusOr<GetItemRequest> r = ParseGetItemRequest(J(R"({
    "TableName":"t","Key":{"pk":{"S":"a"}},"AttributesToGet":["x","y"],
    "ConsistentRead":true,"ReturnConsumedCapacity":"NONE"})"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->key.at("pk"), AttributeValue::S("a"));
  EXPECT_THAT(r->attributes_to_get, ElementsAre("x", "y"));
  EXPECT_TRUE(r->consistent_read);

  EXPECT_ERROR(ParseGetItemRequest(J(R"({"TableName":"t"})")),
               kValidationException, "Value null at 'key'");
  EXPECT_EQ(ParseGetItemRequest(J(R"({"TableName":"t","Key":{},
                   "ProjectionExpression":"a"})"))
                ->projection_expression,
            "a");
  EXPECT_ERROR(ParseGetItemRequest(J(R"({"TableName":"t","Key":{},
                   "AttributesToGet":"x"})")),
               kSerializationException, "Expected list or null");
  EXPECT_ERROR(ParseGetItemRequest(J(R"({"TableName":"t","Key":{},
                   "AttributesToGet":[1]})")),
               kSerializationException, "(at 'attributesToGet.1.member')");
  EXPECT_ERROR(ParseGetItemRequest(J(R"({"TableName":"t","Key":{},
                   "AttributesToGet":[]})")),
               kValidationException,
               "Value '[]' at 'attributesToGet' failed to satisfy constraint: "
               "Member must have length greater than or equal to 1");
  EXPECT_ERROR(ParseGetItemRequest(J(R"({"TableName":"t","Key":{},
                   "AttributesToGet":["a","b","a"]})")),
               kValidationException, "Duplicate value in attribute name: a");
  EXPECT_ERROR(ParseGetItemRequest(J(R"({"TableName":"t","Key":{},
                   "ConsistentRead":1})")),
               kSerializationException, "can not be converted to an Boolean");
  EXPECT_ERROR(ParseGetItemRequest(J(R"({"TableName":"t","Key":{},
                   "ReturnValues":"NONE"})")),
               kValidationException, "Unknown member \"ReturnValues\"");
}

TEST(DeleteItemRequestTest, Parses) {
  absl::StatusOr<DeleteItemRequest> r = ParseDeleteItemRequest(J(R"({
    "TableName":"t","Key":{"pk":{"S":"a"}},
    "Expected":{"v":{"Value":{"N":"2"},"Exists":true}},
    "ReturnValues":"ALL_OLD"})"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->return_values, ReturnValue::kAllOld);
  EXPECT_EQ(r->expected.expected.at("v").exists, true);
  EXPECT_EQ(r->expected.conditional_operator, ConditionalOperator::kAnd);

  EXPECT_ERROR(ParseDeleteItemRequest(J(R"({"TableName":"t","Key":{},
                   "ReturnValues":"UPDATED_NEW"})")),
               kValidationException, "Return values set to invalid value");
  EXPECT_EQ(ParseDeleteItemRequest(J(R"({"TableName":"t","Key":{},
                   "ConditionExpression":"x"})"))
                ->condition_expression,
            "x");
}

TEST(UpdateItemRequestTest, ParsesAttributeUpdates) {
  absl::StatusOr<UpdateItemRequest> r = ParseUpdateItemRequest(J(R"({
    "TableName":"t","Key":{"pk":{"S":"a"}},
    "AttributeUpdates":{
      "age":{"Action":"ADD","Value":{"N":"1"}},
      "name":{"Value":{"S":"Ada"}},
      "nick":{"Action":"DELETE"}
    },
    "ReturnValues":"UPDATED_NEW"})"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->return_values, ReturnValue::kUpdatedNew);
  ASSERT_EQ(r->attribute_updates.size(), 3u);
  EXPECT_EQ(r->attribute_updates.at("age").action, AttributeAction::kAdd);
  EXPECT_EQ(r->attribute_updates.at("age").value, AttributeValue::N("1"));
  EXPECT_EQ(r->attribute_updates.at("name").action, AttributeAction::kPut);
  EXPECT_EQ(r->attribute_updates.at("nick").action, AttributeAction::kDelete);
  EXPECT_FALSE(r->attribute_updates.at("nick").value.has_value());

  for (const char* rv : {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW"}) {
    Json j = J(R"({"TableName":"t","Key":{}})");
    j["ReturnValues"] = rv;
    EXPECT_TRUE(ParseUpdateItemRequest(j).ok()) << rv;
  }
  EXPECT_EQ(ParseUpdateItemRequest(J(R"({"TableName":"t","Key":{},
                   "UpdateExpression":"SET a = :v"})"))
                ->update_expression,
            "SET a = :v");
  EXPECT_ERROR(ParseUpdateItemRequest(J(R"({"TableName":"t","Key":{},
                   "AttributeUpdates":{"a":{"Action":"REMOVE"}}})")),
               kValidationException,
               "Value 'REMOVE' at 'attributeUpdates.a.action' failed to "
               "satisfy constraint: Member must satisfy enum value set: [ADD, "
               "PUT, DELETE]");
  EXPECT_ERROR(ParseUpdateItemRequest(J(R"({"TableName":"t","Key":{},
                   "AttributeUpdates":{"a":{"Value":{"S":"x","N":"1"}}}})")),
               kValidationException, "more than one datatypes");
  EXPECT_ERROR(ParseUpdateItemRequest(J(R"({"TableName":"t","Key":{},
                   "AttributeUpdates":[]})")),
               kSerializationException, "Start of list found");
}

// ---- Streams ----

TEST(StreamRequestTest, ParsesListAndDescribe) {
  absl::StatusOr<ListStreamsRequest> list = ParseListStreamsRequest(
      J(R"({"TableName":"t","Limit":3,"ExclusiveStartStreamArn":"arn"})"));
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->table_name, "t");
  EXPECT_EQ(list->limit, 3);
  EXPECT_EQ(list->exclusive_start_stream_arn, "arn");
  EXPECT_TRUE(ParseListStreamsRequest(J("{}")).ok());
  EXPECT_ERROR(ParseListStreamsRequest(J(R"({"Limit":true})")),
               kSerializationException, "can not be converted to an Integer");

  absl::StatusOr<DescribeStreamRequest> describe = ParseDescribeStreamRequest(
      J(R"({"StreamArn":"arn","Limit":1,"ExclusiveStartShardId":"s"})"));
  ASSERT_TRUE(describe.ok()) << describe.status();
  EXPECT_EQ(describe->stream_arn, "arn");
  EXPECT_EQ(describe->exclusive_start_shard_id, "s");
  EXPECT_ERROR(ParseDescribeStreamRequest(J("{}")), kValidationException,
               "Value null at 'streamArn'");
  EXPECT_ERROR(ParseDescribeStreamRequest(J(R"({"StreamArn":"a",
                   "ShardFilter":{}})")),
               kValidationException, "not supported");
}

TEST(StreamRequestTest, ParsesShardIteratorAndRecords) {
  absl::StatusOr<GetShardIteratorRequest> it = ParseGetShardIteratorRequest(
      J(R"({"StreamArn":"arn","ShardId":"shardId-1",
            "ShardIteratorType":"AFTER_SEQUENCE_NUMBER",
            "SequenceNumber":"000000000000000000001"})"));
  ASSERT_TRUE(it.ok()) << it.status();
  EXPECT_EQ(it->shard_iterator_type, ShardIteratorType::kAfterSequenceNumber);
  EXPECT_EQ(it->sequence_number, "000000000000000000001");
  EXPECT_ERROR(ParseGetShardIteratorRequest(J(R"({"StreamArn":"a",
                   "ShardId":"s"})")),
               kValidationException, "Value null at 'shardIteratorType'");
  absl::StatusOr<GetShardIteratorRequest> at_time =
      ParseGetShardIteratorRequest(J(R"({"StreamArn":"a","ShardId":"s",
          "ShardIteratorType":"AT_TIMESTAMP","Timestamp":1700000000.5})"));
  ASSERT_TRUE(at_time.ok()) << at_time.status();
  EXPECT_EQ(at_time->shard_iterator_type, ShardIteratorType::kAtTimestamp);
  EXPECT_EQ(at_time->timestamp, 1700000000.5);
  EXPECT_ERROR(ParseGetShardIteratorRequest(J(R"({"StreamArn":"a",
                   "ShardId":"s","ShardIteratorType":"AT_TIMESTAMP",
                   "Timestamp":"yesterday"})")),
               kSerializationException, "");
  EXPECT_ERROR(ParseGetShardIteratorRequest(J(R"({"StreamArn":"a",
                   "ShardId":"s","ShardIteratorType":"SOMETIME"})")),
               kValidationException, "Value 'SOMETIME' at 'shardIteratorType'");
  EXPECT_ERROR(ParseGetShardIteratorRequest(J(R"({"StreamArn":"a",
                   "ShardIteratorType":"LATEST"})")),
               kValidationException, "Value null at 'shardId'");

  absl::StatusOr<GetRecordsRequest> records =
      ParseGetRecordsRequest(J(R"({"ShardIterator":"it","Limit":1000})"));
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->shard_iterator, "it");
  EXPECT_EQ(records->limit, 1000);
  EXPECT_ERROR(ParseGetRecordsRequest(J(R"({"Limit":1})")),
               kValidationException,
               "1 validation error detected: Value null at 'shardIterator' "
               "failed to satisfy constraint: Member must not be null");
  EXPECT_ERROR(ParseGetRecordsRequest(J(R"({"ShardIterator":5})")),
               kSerializationException, "TruncatingBigNumber");
  EXPECT_ERROR(ParseGetRecordsRequest(J(R"({"ShardIterator":"i","N":1})")),
               kValidationException,
               "Unknown member \"N\" in GetRecordsRequest; allowed: "
               "ShardIterator, Limit");
}

TEST(RequestTest, NullMembersCountAsAbsent) {
  EXPECT_ERROR(ParseDescribeTableRequest(J(R"({"TableName":null})")),
               kValidationException, "Value null at 'tableName'");
  absl::StatusOr<ListTablesRequest> r =
      ParseListTablesRequest(J(R"({"Limit":null})"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->limit.has_value());
}

TEST(RequestTest, FractionalAndHugeIntegersFollowCoral) {
  EXPECT_EQ(
      ParseGetRecordsRequest(J(R"({"ShardIterator":"i","Limit":2.7})"))->limit,
      2);
  EXPECT_EQ(
      ParseGetRecordsRequest(J(R"({"ShardIterator":"i","Limit":99999999999})"))
          ->limit,
      2147483647);
}

TEST(RequestTest, ParseJsonReportsWhere) {
  absl::Status s = ParseJson("{\"TableName\": ").status();
  EXPECT_EQ(ExceptionName(s), kSerializationException);
  EXPECT_THAT(ErrorMessage(s), StartsWith("the request is not valid JSON: "));
  EXPECT_THAT(ErrorMessage(s), HasSubstr("line 1"));
}

// Found by attribute_json_fuzzer: a number beyond a double's range made
// nlohmann throw out_of_range, which escaped ParseJson and ended the process.
TEST(RequestTest, ParseJsonRefusesNumberOverflow) {
  for (const char* text : {"1e6130", R"({"Limit":1e400})", "[-1E+99999]"}) {
    absl::Status s = ParseJson(text).status();
    EXPECT_EQ(ExceptionName(s), kSerializationException) << text;
    EXPECT_THAT(ErrorMessage(s), HasSubstr("number overflow")) << text;
  }
}

}  // namespace
}  // namespace api
}  // namespace tablestream
