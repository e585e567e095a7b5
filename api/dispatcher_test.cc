// Copyright 2026 The tablestream Authors.
//
// JsonApi routing, request hand-off and error rendering, against a mock
// Engine (so it runs without a database).

#include "api/dispatcher.h"

#include <memory>
#include <string>

#include "engine/error_details.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace api {
namespace {

using ::testing::_;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Return;
using ::testing::StrictMock;

class MockEngine : public Engine {
 public:
  MOCK_METHOD(absl::StatusOr<TableDescription>, CreateTable,
              (const CreateTableRequest&), (override));
  MOCK_METHOD(absl::StatusOr<TableDescription>, DescribeTable,
              (const std::string&), (override));
  MOCK_METHOD(absl::StatusOr<ListTablesResult>, ListTables,
              (const ListTablesRequest&), (override));
  MOCK_METHOD(absl::StatusOr<TableDescription>, DeleteTable,
              (const std::string&), (override));
  MOCK_METHOD(absl::StatusOr<TableDescription>, UpdateTable,
              (const UpdateTableRequest&), (override));
  MOCK_METHOD(absl::StatusOr<WriteResult>, PutItem,
              (const PutItemRequest&, const WriteOptions&), (override));
  MOCK_METHOD(absl::StatusOr<std::optional<Item>>, GetItem,
              (const GetItemRequest&), (override));
  MOCK_METHOD(absl::StatusOr<WriteResult>, DeleteItem,
              (const DeleteItemRequest&, const WriteOptions&), (override));
  MOCK_METHOD(absl::StatusOr<WriteResult>, UpdateItem,
              (const UpdateItemRequest&, const WriteOptions&), (override));
  MOCK_METHOD(absl::StatusOr<BatchGetItemResult>, BatchGetItem,
              (const BatchGetItemRequest&), (override));
  MOCK_METHOD(absl::StatusOr<BatchWriteItemResult>, BatchWriteItem,
              (const BatchWriteItemRequest&, const WriteOptions&), (override));
  MOCK_METHOD(absl::Status, TransactWriteItems,
              (const TransactWriteItemsRequest&, const WriteOptions&),
              (override));
  MOCK_METHOD(absl::StatusOr<TransactGetItemsResult>, TransactGetItems,
              (const TransactGetItemsRequest&), (override));
  MOCK_METHOD(absl::StatusOr<ReadPage>, Query, (const QueryRequest&),
              (override));
  MOCK_METHOD(absl::StatusOr<ReadPage>, Scan, (const ScanRequest&), (override));
  MOCK_METHOD(absl::StatusOr<ListStreamsResult>, ListStreams,
              (const ListStreamsRequest&), (override));
  MOCK_METHOD(absl::StatusOr<StreamDescription>, DescribeStream,
              (const DescribeStreamRequest&), (override));
  MOCK_METHOD(absl::StatusOr<std::string>, GetShardIterator,
              (const GetShardIteratorRequest&), (override));
  MOCK_METHOD(absl::StatusOr<GetRecordsResult>, GetRecords,
              (const GetRecordsRequest&), (override));
  MOCK_METHOD(absl::StatusOr<ConsumerDescription>, CreateConsumer,
              (const CreateConsumerRequest&), (override));
  MOCK_METHOD(absl::StatusOr<ListConsumersResult>, ListConsumers,
              (const std::string&), (override));
  MOCK_METHOD(absl::StatusOr<ConsumerDescription>, DescribeConsumer,
              (const ConsumerId&), (override));
  MOCK_METHOD(absl::StatusOr<ConsumerDescription>, ResetConsumer,
              (const ResetConsumerRequest&), (override));
  MOCK_METHOD(absl::Status, DeleteConsumer, (const ConsumerId&), (override));
  MOCK_METHOD(absl::StatusOr<ConsumerBatch>, ReadConsumer,
              (const ReadConsumerRequest&), (override));
  MOCK_METHOD(absl::Status, CheckpointConsumer, (const CheckpointRequest&),
              (override));
  MOCK_METHOD(absl::Status, CommitWithCheckpoint,
              (const CommitWithCheckpointRequest&, const WriteOptions&),
              (override));
  MOCK_METHOD(absl::Status, TrimExpiredRecords, (), (override));
  MOCK_METHOD(absl::StatusOr<TimeToLiveSpecification>, UpdateTimeToLive,
              (const UpdateTimeToLiveRequest&), (override));
  MOCK_METHOD(absl::StatusOr<TimeToLiveDescription>, DescribeTimeToLive,
              (const std::string&), (override));
  MOCK_METHOD(absl::StatusOr<int64_t>, DeleteExpiredItems, (), (override));
};

Json J(const char* text) { return Json::parse(text); }

class DispatcherTest : public testing::Test {
 protected:
  StrictMock<MockEngine> engine_;
  JsonApi api_{&engine_};
};

TEST_F(DispatcherTest, RoutesEachOperation) {
  TableDescription table;
  table.table_name = "t";
  table.table_status = "ACTIVE";
  EXPECT_CALL(engine_, CreateTable(Field(&CreateTableRequest::table_name, "t")))
      .WillOnce(Return(table));
  EXPECT_CALL(engine_, DescribeTable("t")).WillOnce(Return(table));
  EXPECT_CALL(engine_, DeleteTable("t")).WillOnce(Return(table));
  EXPECT_CALL(engine_, UpdateTable(Field(&UpdateTableRequest::table_name, "t")))
      .WillOnce(Return(table));
  EXPECT_CALL(engine_, ListTables(_)).WillOnce(Return(ListTablesResult{}));
  EXPECT_CALL(engine_, PutItem(Field(&PutItemRequest::table_name, "t"), _))
      .WillOnce(Return(WriteResult{}));
  EXPECT_CALL(engine_, GetItem(Field(&GetItemRequest::table_name, "t")))
      .WillOnce(Return(std::optional<Item>()));
  EXPECT_CALL(engine_,
              DeleteItem(Field(&DeleteItemRequest::table_name, "t"), _))
      .WillOnce(Return(WriteResult{}));
  EXPECT_CALL(engine_,
              UpdateItem(Field(&UpdateItemRequest::table_name, "t"), _))
      .WillOnce(Return(WriteResult{}));
  EXPECT_CALL(engine_, ListStreams(_)).WillOnce(Return(ListStreamsResult{}));
  EXPECT_CALL(engine_,
              DescribeStream(Field(&DescribeStreamRequest::stream_arn, "a")))
      .WillOnce(Return(StreamDescription{}));
  EXPECT_CALL(engine_,
              GetShardIterator(Field(&GetShardIteratorRequest::shard_id, "s")))
      .WillOnce(Return(std::string("it")));
  EXPECT_CALL(engine_,
              GetRecords(Field(&GetRecordsRequest::shard_iterator, "it")))
      .WillOnce(Return(GetRecordsResult{}));

  const char* kTableKey = R"({"TableName":"t","Key":{"k":{"S":"v"}}})";
  EXPECT_EQ((*api_.Call("CreateTable", J(R"({"TableName":"t","KeySchema":[],
                 "AttributeDefinitions":[]})")))["TableDescription"]
                                                ["TableName"],
            "t");
  EXPECT_EQ((*api_.Call("DescribeTable",
                        J(R"({"TableName":"t"})")))["Table"]["TableName"],
            "t");
  EXPECT_TRUE(api_.Call("DeleteTable", J(R"({"TableName":"t"})"))
                  ->contains("TableDescription"));
  EXPECT_TRUE(api_.Call("UpdateTable", J(R"({"TableName":"t"})"))
                  ->contains("TableDescription"));
  EXPECT_EQ(*api_.Call("ListTables", J("{}")), J(R"({"TableNames":[]})"));
  EXPECT_EQ(*api_.Call("PutItem", J(R"({"TableName":"t","Item":{}})")),
            J("{}"));
  EXPECT_EQ(*api_.Call("GetItem", J(kTableKey)), J("{}"));
  EXPECT_EQ(*api_.Call("DeleteItem", J(kTableKey)), J("{}"));
  EXPECT_EQ(*api_.Call("UpdateItem", J(kTableKey)), J("{}"));
  EXPECT_EQ(*api_.Call("ListStreams", J("{}")), J(R"({"Streams":[]})"));
  EXPECT_TRUE(api_.Call("DescribeStream", J(R"({"StreamArn":"a"})"))
                  ->contains("StreamDescription"));
  EXPECT_EQ(*api_.Call("GetShardIterator", J(R"({"StreamArn":"a","ShardId":"s",
                             "ShardIteratorType":"LATEST"})")),
            J(R"({"ShardIterator":"it"})"));
  EXPECT_EQ(*api_.Call("GetRecords", J(R"({"ShardIterator":"it"})")),
            J(R"({"Records":[]})"));
}

TEST_F(DispatcherTest, MalformedRequestsNeverReachTheEngine) {
  // StrictMock: any engine call fails the test.
  EXPECT_EQ(
      ExceptionName(api_.Call("PutItem", J(R"({"TableName":"t"})")).status()),
      kValidationException);
  EXPECT_EQ(ExceptionName(api_.CallWithText("GetRecords", "{\"Shard").status()),
            kSerializationException);
  EXPECT_EQ(ExceptionName(api_.Call("GetRecords", J("[]")).status()),
            kSerializationException);
}

TEST_F(DispatcherTest, UnknownOperation) {
  absl::Status s = api_.Call("ExecuteStatement", J("{}")).status();
  EXPECT_EQ(ExceptionName(s), kUnknownOperationException);
  EXPECT_THAT(ErrorMessage(s),
              HasSubstr("unknown operation \"ExecuteStatement\""));
  EXPECT_THAT(ErrorMessage(s), HasSubstr("PutItem"));
  // CLI names are not API names.
  EXPECT_EQ(ExceptionName(api_.Call("put-item", J("{}")).status()),
            kUnknownOperationException);
}

TEST_F(DispatcherTest, EngineErrorsPassThroughAndRender) {
  EXPECT_CALL(engine_, DescribeTable("missing"))
      .WillOnce(Return(NotFoundError("Requested resource not found: Table: "
                                     "missing not found")));
  absl::Status s =
      api_.Call("DescribeTable", J(R"({"TableName":"missing"})")).status();
  EXPECT_EQ(FormatJson(ErrorToJson(s), -1),
            R"({"__type":"ResourceNotFoundException","message":)"
            R"("Requested resource not found: Table: missing not found"})");
  EXPECT_EQ(FormatJson(ErrorToJson(absl::InternalError("disk on fire")), -1),
            R"({"__type":"InternalServerError","message":"disk on fire"})");
  EXPECT_EQ(FormatError(s),
            R"({"__type": "ResourceNotFoundException", "message": )"
            R"("Requested resource not found: Table: missing not found"})");
  EXPECT_EQ(FormatError(ValidationError("say \"hi\"\n")),
            R"({"__type": "ValidationException", "message": "say \"hi\"\n"})");
}

TEST_F(DispatcherTest, ErrorsCarryCancellationReasonsAndTheItem) {
  CancellationReason none{"None", "", std::nullopt};
  CancellationReason failed{"ConditionalCheckFailed",
                            "The conditional request failed",
                            Item{{"pk", AttributeValue::S("k")}}};
  EXPECT_CALL(engine_, TransactWriteItems(_, _))
      .WillOnce(Return(TransactionCanceled({none, failed})));
  absl::Status s =
      api_.Call("TransactWriteItems",
                J(R"j({"TransactItems":[{"ConditionCheck":{"TableName":"t",
                     "Key":{"pk":{"S":"k"}},
                     "ConditionExpression":"attribute_exists(pk)"}}]})j"))
          .status();
  EXPECT_EQ(
      FormatError(s),
      R"({"__type": "TransactionCanceledException", "message": "Transaction )"
      R"(cancelled, please refer cancellation reasons for specific reasons )"
      R"([None, ConditionalCheckFailed]", "CancellationReasons": )"
      R"([{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The )"
      R"(conditional request failed","Item":{"pk":{"S":"k"}}}]})");
  const Item old = {{"pk", AttributeValue::S("k")}};
  EXPECT_CALL(engine_, PutItem(_, _))
      .WillOnce(Return(ConditionalCheckFailed(&old)));
  s = api_.Call("PutItem", J(R"({"TableName":"t","Item":{"pk":{"S":"k"}},
                   "ReturnValuesOnConditionCheckFailure":"ALL_OLD"})"))
          .status();
  EXPECT_EQ(FormatJson(ErrorToJson(s), -1),
            R"({"__type":"ConditionalCheckFailedException",)"
            R"("message":"The conditional request failed",)"
            R"("Item":{"pk":{"S":"k"}}})");
}

TEST_F(DispatcherTest, AcceptsAndConvertsPlainNlohmannJson) {
  EXPECT_CALL(engine_, GetShardIterator(_)).WillOnce(Return(std::string("i")));
  nlohmann::json request = {
      {"StreamArn", "a"}, {"ShardId", "s"}, {"ShardIteratorType", "LATEST"}};
  absl::StatusOr<Json> r = api_.Call("GetShardIterator", request);
  ASSERT_TRUE(r.ok()) << r.status();
  nlohmann::json plain = *r;
  EXPECT_EQ(plain, nlohmann::json({{"ShardIterator", "i"}}));
}

TEST(OperationNamesTest, EveryOperationHasACliName) {
  std::vector<std::string> ops = JsonApi::Operations();
  EXPECT_THAT(ops, testing::IsSupersetOf({"CreateTable",
                                          "DescribeTable",
                                          "ListTables",
                                          "DeleteTable",
                                          "UpdateTable",
                                          "UpdateTimeToLive",
                                          "DescribeTimeToLive",
                                          "PutItem",
                                          "GetItem",
                                          "UpdateItem",
                                          "DeleteItem",
                                          "ListStreams",
                                          "DescribeStream",
                                          "GetShardIterator",
                                          "GetRecords",
                                          "Query",
                                          "Scan",
                                          "CreateConsumer",
                                          "ListConsumers",
                                          "DescribeConsumer",
                                          "ResetConsumer",
                                          "DeleteConsumer",
                                          "BatchGetItem",
                                          "BatchWriteItem",
                                          "TransactWriteItems",
                                          "TransactGetItems"}));
  EXPECT_EQ(ops.size(), JsonApi::OperationTable().size());
  for (const OperationInfo& info : JsonApi::OperationTable()) {
    EXPECT_EQ(JsonApi::OperationFromCliName(info.cli_name), info.name);
    EXPECT_NE(std::string(info.summary), "");
  }
  EXPECT_EQ(JsonApi::OperationFromCliName("get-shard-iterator"),
            "GetShardIterator");
  EXPECT_EQ(JsonApi::OperationFromCliName("query"), "Query");
  EXPECT_EQ(JsonApi::OperationFromCliName("scan"), "Scan");
  EXPECT_EQ(JsonApi::OperationFromCliName("GetShardIterator"), std::nullopt);
}

}  // namespace
}  // namespace api
}  // namespace tablestream
