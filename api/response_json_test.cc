// Copyright 2026 The tablestream Authors.
//
// Responses: exact JSON text, so member order and optional members are
// pinned as AWS returns them.

#include <string>

#include "api/item_json.h"
#include "api/stream_json.h"
#include "api/table_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tablestream {
namespace api {
namespace {

using ::testing::EndsWith;

// Compact JSON text of `value`.
std::string Text(const Json& value) { return FormatJson(value, -1); }

TableDescription SampleTable() {
  TableDescription t;
  t.table_name = "Users";
  t.table_id = "4d8fa1a5-0000-4000-8000-000000000001";
  t.table_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Users";
  t.table_status = "ACTIVE";
  t.creation_date_time = 1700000000.5;
  t.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  t.attribute_definitions = {{"pk", ScalarAttributeType::kS},
                             {"sk", ScalarAttributeType::kN}};
  t.item_count = 3;
  return t;
}

TEST(TableResponseTest, DescribeTableWithoutStream) {
  EXPECT_EQ(
      Text(DescribeTableResponse(SampleTable())),
      R"({"Table":{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
      R"({"AttributeName":"sk","AttributeType":"N"}],"TableName":"Users",)"
      R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
      R"({"AttributeName":"sk","KeyType":"RANGE"}],"TableStatus":"ACTIVE",)"
      R"("CreationDateTime":1700000000.5,"ProvisionedThroughput":)"
      R"({"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},)"
      R"("ItemCount":3,"TableArn":"arn:aws:dynamodb:us-east-1:000000000000:table/Users",)"
      R"("TableId":"4d8fa1a5-0000-4000-8000-000000000001",)"
      R"("BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"}}})");
}

TEST(TableResponseTest, StreamMembersComeLast) {
  TableDescription t = SampleTable();
  t.stream_specification =
      StreamSpecification{true, StreamViewType::kNewAndOldImages};
  t.latest_stream_label = "2023-11-14T22:13:20.000";
  t.latest_stream_arn = t.table_arn + "/stream/2023-11-14T22:13:20.000";
  std::string text = Text(CreateTableResponse(t));
  EXPECT_EQ(text.substr(0, 20), R"({"TableDescription":)");
  EXPECT_NE(
      text.find(R"("BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},)"
                R"("StreamSpecification":{"StreamEnabled":true,)"
                R"("StreamViewType":"NEW_AND_OLD_IMAGES"},)"
                R"("LatestStreamLabel":"2023-11-14T22:13:20.000",)"
                R"("LatestStreamArn":"arn:aws:dynamodb:us-east-1:000000000000:)"
                R"(table/Users/stream/2023-11-14T22:13:20.000"}})"),
      std::string::npos)
      << text;

  // A disabled stream: StreamEnabled false and no view type.
  t.stream_specification = StreamSpecification{false, std::nullopt};
  text = Text(UpdateTableResponse(t));
  EXPECT_NE(text.find(R"("StreamSpecification":{"StreamEnabled":false},)"),
            std::string::npos)
      << text;
  EXPECT_EQ(Text(DeleteTableResponse(t)).substr(0, 20),
            R"({"TableDescription":)");
}

TEST(TableResponseTest, ListTables) {
  ListTablesResult r;
  r.table_names = {"a", "b"};
  EXPECT_EQ(Text(ListTablesResponse(r)), R"({"TableNames":["a","b"]})");
  r.last_evaluated_table_name = "b";
  EXPECT_EQ(Text(ListTablesResponse(r)),
            R"({"TableNames":["a","b"],"LastEvaluatedTableName":"b"})");
  EXPECT_EQ(Text(ListTablesResponse(ListTablesResult{})),
            R"({"TableNames":[]})");
}

TEST(ItemResponseTest, AttributesOnlyWhenPresent) {
  EXPECT_EQ(Text(WriteItemResponse(WriteResult{})), "{}");
  WriteResult r;
  r.attributes = Item{{"pk", AttributeValue::S("a")}};
  EXPECT_EQ(Text(WriteItemResponse(r)), R"({"Attributes":{"pk":{"S":"a"}}})");
  EXPECT_EQ(Text(GetItemResponse(std::nullopt)), "{}");
  EXPECT_EQ(Text(GetItemResponse(Item{{"n", AttributeValue::N("1")}})),
            R"({"Item":{"n":{"N":"1"}}})");
}

TEST(StreamResponseTest, ListStreams) {
  ListStreamsResult r;
  r.streams.push_back({"arn:s", "Users", "2023-11-14T22:13:20.000"});
  EXPECT_EQ(Text(ListStreamsResponse(r)),
            R"({"Streams":[{"StreamArn":"arn:s","TableName":"Users",)"
            R"("StreamLabel":"2023-11-14T22:13:20.000"}]})");
  r.last_evaluated_stream_arn = "arn:s";
  EXPECT_THAT(Text(ListStreamsResponse(r)),
              EndsWith(R"(}],"LastEvaluatedStreamArn":"arn:s"})"));
}

TEST(StreamResponseTest, DescribeStream) {
  StreamDescription d;
  d.stream_arn = "arn:s";
  d.stream_label = "L";
  d.stream_status = "ENABLED";
  d.stream_view_type = StreamViewType::kKeysOnly;
  d.creation_request_date_time = 1700000000.25;
  d.table_name = "Users";
  d.key_schema = {{"pk", KeyType::kHash}};
  Shard closed;
  closed.shard_id = "shardId-1";
  closed.sequence_number_range = {"000000000000000000001",
                                  "000000000000000000009"};
  Shard open;
  open.shard_id = "shardId-2";
  open.sequence_number_range.starting_sequence_number = "000000000000000000010";
  open.parent_shard_id = "shardId-1";
  d.shards = {closed, open};
  EXPECT_EQ(
      Text(DescribeStreamResponse(d)),
      R"({"StreamDescription":{"StreamArn":"arn:s","StreamLabel":"L",)"
      R"("StreamStatus":"ENABLED","StreamViewType":"KEYS_ONLY",)"
      R"("CreationRequestDateTime":1700000000.25,"TableName":"Users",)"
      R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Shards":[)"
      R"({"ShardId":"shardId-1","SequenceNumberRange":{"StartingSequenceNumber":)"
      R"("000000000000000000001","EndingSequenceNumber":"000000000000000000009"}},)"
      R"({"ShardId":"shardId-2","SequenceNumberRange":{"StartingSequenceNumber":)"
      R"("000000000000000000010"},"ParentShardId":"shardId-1"}]}})");
  d.last_evaluated_shard_id = "shardId-2";
  EXPECT_THAT(Text(DescribeStreamResponse(d)),
              EndsWith(R"(],"LastEvaluatedShardId":"shardId-2"}})"));
}

StreamRecord SampleRecord() {
  StreamRecord r;
  r.event_id = "7de3041dd709b024af6f29e4fa13d34c";
  r.event_name = EventName::kModify;
  r.aws_region = "us-east-1";
  r.dynamodb.approximate_creation_date_time = 1700000060;
  r.dynamodb.keys = {{"pk", AttributeValue::S("user#42")}};
  r.dynamodb.new_image = Item{{"pk", AttributeValue::S("user#42")},
                              {"age", AttributeValue::N("37")}};
  r.dynamodb.old_image = Item{{"pk", AttributeValue::S("user#42")},
                              {"age", AttributeValue::N("36")}};
  r.dynamodb.sequence_number = "000000000000000000002";
  r.dynamodb.size_bytes = 40;
  r.dynamodb.stream_view_type = StreamViewType::kNewAndOldImages;
  return r;
}

TEST(StreamResponseTest, RecordInAwsOrder) {
  EXPECT_EQ(
      Text(StreamRecordToJson(SampleRecord())),
      R"({"eventID":"7de3041dd709b024af6f29e4fa13d34c","eventName":"MODIFY",)"
      R"("eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",)"
      R"("dynamodb":{"ApproximateCreationDateTime":1700000060,)"
      R"("Keys":{"pk":{"S":"user#42"}},)"
      R"("NewImage":{"age":{"N":"37"},"pk":{"S":"user#42"}},)"
      R"("OldImage":{"age":{"N":"36"},"pk":{"S":"user#42"}},)"
      R"("SequenceNumber":"000000000000000000002","SizeBytes":40,)"
      R"("StreamViewType":"NEW_AND_OLD_IMAGES"}})");
}

TEST(StreamResponseTest, RecordImagesAndIdentityOnlyWhenPresent) {
  StreamRecord r = SampleRecord();
  r.event_name = EventName::kRemove;
  r.dynamodb.new_image.reset();
  r.user_identity = Identity{"Service", "dynamodb.amazonaws.com"};
  std::string text = Text(StreamRecordToJson(r));
  EXPECT_EQ(text.find("NewImage"), std::string::npos);
  EXPECT_NE(text.find(R"("Keys":{"pk":{"S":"user#42"}},"OldImage")"),
            std::string::npos);
  EXPECT_THAT(text, EndsWith(R"("StreamViewType":"NEW_AND_OLD_IMAGES"},)"
                             R"("userIdentity":{"type":"Service",)"
                             R"("principalId":"dynamodb.amazonaws.com"}})"));
}

TEST(StreamResponseTest, GetRecordsNextIteratorAbsentAtClosedEnd) {
  GetRecordsResult open;
  open.next_shard_iterator = "it-2";
  EXPECT_EQ(Text(GetRecordsResponse(open)),
            R"({"Records":[],"NextShardIterator":"it-2"})");
  GetRecordsResult closed;
  closed.records.push_back(SampleRecord());
  Json j = GetRecordsResponse(closed);
  EXPECT_FALSE(j.contains("NextShardIterator"));
  ASSERT_EQ(j["Records"].size(), 1u);
  EXPECT_EQ(j["Records"][0]["eventName"], "MODIFY");
  EXPECT_EQ(Text(GetShardIteratorResponse("abc")),
            R"({"ShardIterator":"abc"})");
}

}  // namespace
}  // namespace api
}  // namespace tablestream
