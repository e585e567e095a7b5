// Copyright 2026 The tablestream Authors.

#include "api/dispatcher.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/attribute_json.h"
#include "api/batch_json.h"
#include "api/consumer_json.h"
#include "api/item_json.h"
#include "api/query_json.h"
#include "api/stream_json.h"
#include "api/table_json.h"
#include "api/transaction_json.h"
#include "api/ttl_json.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/status_macros.h"

namespace tablestream {
namespace api {
namespace {

using Handler = absl::StatusOr<Json> (*)(Engine& engine, const Json& request);

absl::StatusOr<Json> CreateTable(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(CreateTableRequest request,
                               ParseCreateTableRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription table,
                               engine.CreateTable(request));
  return CreateTableResponse(table);
}

absl::StatusOr<Json> DescribeTable(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::string name,
                               ParseDescribeTableRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription table,
                               engine.DescribeTable(name));
  return DescribeTableResponse(table);
}

absl::StatusOr<Json> ListTables(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(ListTablesRequest request,
                               ParseListTablesRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(ListTablesResult result,
                               engine.ListTables(request));
  return ListTablesResponse(result);
}

absl::StatusOr<Json> DeleteTable(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::string name, ParseDeleteTableRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription table,
                               engine.DeleteTable(name));
  return DeleteTableResponse(table);
}

absl::StatusOr<Json> UpdateTimeToLive(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(UpdateTimeToLiveRequest request,
                               ParseUpdateTimeToLiveRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(TimeToLiveSpecification spec,
                               engine.UpdateTimeToLive(request));
  return UpdateTimeToLiveResponse(spec);
}

absl::StatusOr<Json> DescribeTimeToLive(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::string name,
                               ParseDescribeTimeToLiveRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(TimeToLiveDescription description,
                               engine.DescribeTimeToLive(name));
  return DescribeTimeToLiveResponse(description);
}

absl::StatusOr<Json> UpdateTable(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(UpdateTableRequest request,
                               ParseUpdateTableRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription table,
                               engine.UpdateTable(request));
  return UpdateTableResponse(table);
}

absl::StatusOr<Json> PutItem(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(PutItemRequest request,
                               ParsePutItemRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(WriteResult result, engine.PutItem(request));
  return WriteItemResponse(result);
}

absl::StatusOr<Json> GetItem(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(GetItemRequest request,
                               ParseGetItemRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<Item> item,
                               engine.GetItem(request));
  return GetItemResponse(item);
}

absl::StatusOr<Json> DeleteItem(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(DeleteItemRequest request,
                               ParseDeleteItemRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(WriteResult result, engine.DeleteItem(request));
  return WriteItemResponse(result);
}

absl::StatusOr<Json> UpdateItem(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(UpdateItemRequest request,
                               ParseUpdateItemRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(WriteResult result, engine.UpdateItem(request));
  return WriteItemResponse(result);
}

absl::StatusOr<Json> BatchGetItem(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(BatchGetItemRequest request,
                               ParseBatchGetItemRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(BatchGetItemResult result,
                               engine.BatchGetItem(request));
  return BatchGetItemResponse(result);
}

absl::StatusOr<Json> BatchWriteItem(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(BatchWriteItemRequest request,
                               ParseBatchWriteItemRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(BatchWriteItemResult result,
                               engine.BatchWriteItem(request));
  return BatchWriteItemResponse(result);
}

absl::StatusOr<Json> TransactWriteItems(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(TransactWriteItemsRequest request,
                               ParseTransactWriteItemsRequest(json));
  TABLESTREAM_RETURN_IF_ERROR(engine.TransactWriteItems(request));
  return Json::object();
}

absl::StatusOr<Json> TransactGetItems(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(TransactGetItemsRequest request,
                               ParseTransactGetItemsRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(TransactGetItemsResult result,
                               engine.TransactGetItems(request));
  return TransactGetItemsResponse(result);
}

absl::StatusOr<Json> Query(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(QueryRequest request, ParseQueryRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(ReadPage page, engine.Query(request));
  return ReadPageResponse(page, request.select == Select::kCount);
}

absl::StatusOr<Json> Scan(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(ScanRequest request, ParseScanRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(ReadPage page, engine.Scan(request));
  return ReadPageResponse(page, request.select == Select::kCount);
}

absl::StatusOr<Json> ListStreams(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(ListStreamsRequest request,
                               ParseListStreamsRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(ListStreamsResult result,
                               engine.ListStreams(request));
  return ListStreamsResponse(result);
}

absl::StatusOr<Json> DescribeStream(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(DescribeStreamRequest request,
                               ParseDescribeStreamRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(StreamDescription description,
                               engine.DescribeStream(request));
  return DescribeStreamResponse(description);
}

absl::StatusOr<Json> GetShardIterator(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(GetShardIteratorRequest request,
                               ParseGetShardIteratorRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(std::string iterator,
                               engine.GetShardIterator(request));
  return GetShardIteratorResponse(iterator);
}

absl::StatusOr<Json> GetRecords(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(GetRecordsRequest request,
                               ParseGetRecordsRequest(json));
  TABLESTREAM_ASSIGN_OR_RETURN(GetRecordsResult result,
                               engine.GetRecords(request));
  return GetRecordsResponse(result);
}

// Fills call->request.stream_arn from the table's latest stream when the
// request named a table.
template <typename Request>
absl::Status ResolveStream(Engine& engine, ConsumerCall<Request>* call) {
  if (!call->table_name) return absl::OkStatus();
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription table,
                               engine.DescribeTable(*call->table_name));
  if (!table.latest_stream_arn) {
    return NotFoundError(absl::StrCat("Requested resource not found: Table ",
                                      *call->table_name, " has no stream"));
  }
  call->request.stream_arn = *table.latest_stream_arn;
  return absl::OkStatus();
}

absl::StatusOr<Json> CreateConsumer(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto call, ParseCreateConsumerRequest(json));
  TABLESTREAM_RETURN_IF_ERROR(ResolveStream(engine, &call));
  TABLESTREAM_ASSIGN_OR_RETURN(ConsumerDescription d,
                               engine.CreateConsumer(call.request));
  return ConsumerDescriptionToJson(d);
}

absl::StatusOr<Json> ListConsumers(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto call, ParseListConsumersRequest(json));
  TABLESTREAM_RETURN_IF_ERROR(ResolveStream(engine, &call));
  TABLESTREAM_ASSIGN_OR_RETURN(ListConsumersResult result,
                               engine.ListConsumers(call.request.stream_arn));
  return ListConsumersResponse(result);
}

absl::StatusOr<Json> DescribeConsumer(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      auto call, ParseConsumerIdRequest(json, "DescribeConsumerRequest"));
  TABLESTREAM_RETURN_IF_ERROR(ResolveStream(engine, &call));
  TABLESTREAM_ASSIGN_OR_RETURN(ConsumerDescription d,
                               engine.DescribeConsumer(call.request));
  return ConsumerDescriptionToJson(d);
}

absl::StatusOr<Json> ResetConsumer(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto call, ParseResetConsumerRequest(json));
  TABLESTREAM_RETURN_IF_ERROR(ResolveStream(engine, &call));
  TABLESTREAM_ASSIGN_OR_RETURN(ConsumerDescription d,
                               engine.ResetConsumer(call.request));
  return ConsumerDescriptionToJson(d);
}

absl::StatusOr<Json> DeleteConsumer(Engine& engine, const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      auto call, ParseConsumerIdRequest(json, "DeleteConsumerRequest"));
  TABLESTREAM_RETURN_IF_ERROR(ResolveStream(engine, &call));
  TABLESTREAM_RETURN_IF_ERROR(engine.DeleteConsumer(call.request));
  return Json::object();
}

struct Operation {
  OperationInfo info;
  Handler handler;
};

const std::vector<Operation>& AllOperations() {
  static const auto* operations = new std::vector<Operation>{
      {{"CreateTable", "create-table",
        "create a table, optionally with a stream (StreamSpecification)"},
       CreateTable},
      {{"DescribeTable", "describe-table",
        "describe a table: key schema, item count, latest stream"},
       DescribeTable},
      {{"ListTables", "list-tables", "list table names"}, ListTables},
      {{"DeleteTable", "delete-table",
        "delete a table and its items (its stream stays readable)"},
       DeleteTable},
      {{"UpdateTable", "update-table", "enable or disable the table's stream"},
       UpdateTable},
      {{"UpdateTimeToLive", "update-time-to-live",
        "enable or disable item expiry (Time to Live) on a table"},
       UpdateTimeToLive},
      {{"DescribeTimeToLive", "describe-time-to-live",
        "show a table's Time to Live status and attribute"},
       DescribeTimeToLive},
      {{"PutItem", "put-item",
        "create or replace an item (ConditionExpression or Expected, "
        "ReturnValues)"},
       PutItem},
      {{"GetItem", "get-item",
        "read an item by its key (ProjectionExpression or AttributesToGet)"},
       GetItem},
      {{"UpdateItem", "update-item",
        "change attributes of an item (UpdateExpression or AttributeUpdates)"},
       UpdateItem},
      {{"DeleteItem", "delete-item",
        "delete an item by its key (ConditionExpression or Expected)"},
       DeleteItem},
      {{"BatchGetItem", "batch-get-item",
        "read up to 100 items by key across tables (RequestItems)"},
       BatchGetItem},
      {{"BatchWriteItem", "batch-write-item",
        "put or delete up to 25 items across tables in one atomic commit"},
       BatchWriteItem},
      {{"TransactWriteItems", "transact-write-items",
        "up to 100 Put/Update/Delete/ConditionCheck actions, all or nothing "
        "(ClientRequestToken)"},
       TransactWriteItems},
      {{"TransactGetItems", "transact-get-items",
        "read up to 100 items from one consistent snapshot"},
       TransactGetItems},
      {{"Query", "query",
        "read one partition's items in sort key order (KeyCondition-, "
        "Filter-, ProjectionExpression, Limit, ExclusiveStartKey)"},
       Query},
      {{"Scan", "scan",
        "read a table's items (FilterExpression, ProjectionExpression, Limit, "
        "ExclusiveStartKey, Segment/TotalSegments)"},
       Scan},
      {{"ListStreams", "list-streams", "list streams, of one table or all"},
       ListStreams},
      {{"DescribeStream", "describe-stream",
        "describe a stream: status, view type, shards"},
       DescribeStream},
      {{"GetShardIterator", "get-shard-iterator",
        "get an iterator into a shard (TRIM_HORIZON, LATEST, AT_/AFTER_...)"},
       GetShardIterator},
      {{"GetRecords", "get-records",
        "read stream records from a shard iterator"},
       GetRecords},
      {{"CreateConsumer", "create-consumer",
        "create a named, checkpointed consumer of a stream"},
       CreateConsumer},
      {{"ListConsumers", "list-consumers", "list the consumers of a stream"},
       ListConsumers},
      {{"DescribeConsumer", "describe-consumer",
        "a consumer's positions, lag, time to data loss, skipped ranges"},
       DescribeConsumer},
      {{"ResetConsumer", "reset-consumer",
        "move a consumer (TRIM_HORIZON, LATEST, AT_TIMESTAMP, "
        "AT_SEQUENCE_NUMBER)"},
       ResetConsumer},
      {{"DeleteConsumer", "delete-consumer",
        "delete a consumer and its checkpoints"},
       DeleteConsumer},
  };
  return *operations;
}

}  // namespace

JsonApi::JsonApi(Engine* engine) : engine_(engine) {}

absl::StatusOr<Json> JsonApi::Call(std::string_view operation,
                                   const Json& request) {
  for (const Operation& op : AllOperations()) {
    if (op.info.name != operation) continue;
    // The codecs check types before reading values, so nothing should
    // throw; this keeps the no-exceptions promise if something does.
    try {
      return op.handler(*engine_, request);
    } catch (const Json::exception& e) {
      return MakeError(kInternalServerError,
                       absl::StrCat(op.info.name, ": ", e.what()));
    }
  }
  return MakeError(
      kUnknownOperationException,
      absl::StrCat("unknown operation \"", AsAbsl(operation),
                   "\"; supported: ", absl::StrJoin(Operations(), ", ")));
}

absl::StatusOr<Json> JsonApi::CallWithText(std::string_view operation,
                                           std::string_view request_text) {
  TABLESTREAM_ASSIGN_OR_RETURN(Json request, ParseJson(request_text));
  return Call(operation, request);
}

std::vector<std::string> JsonApi::Operations() {
  std::vector<std::string> names;
  for (const Operation& op : AllOperations()) names.push_back(op.info.name);
  return names;
}

const std::vector<OperationInfo>& JsonApi::OperationTable() {
  static const auto* table = [] {
    auto* infos = new std::vector<OperationInfo>;
    for (const Operation& op : AllOperations()) infos->push_back(op.info);
    return infos;
  }();
  return *table;
}

std::optional<std::string> JsonApi::OperationFromCliName(
    std::string_view cli_name) {
  for (const Operation& op : AllOperations()) {
    if (op.info.cli_name == cli_name) return std::string(op.info.name);
  }
  return std::nullopt;
}

Json ErrorToJson(const absl::Status& status) {
  Json error{{"__type", ExceptionName(status)},
             {"message", ErrorMessage(status)}};
  if (auto reasons = CancellationReasons(status)) {
    error["CancellationReasons"] = CancellationReasonsToJson(*reasons);
  }
  if (auto item = ConditionalCheckFailedItem(status)) {
    error["Item"] = ItemToJson(*item);
  }
  return error;
}

std::string FormatError(const absl::Status& status) {
  const Json error = ErrorToJson(status);
  std::string out = "{";
  for (const auto& [name, value] : error.items()) {
    absl::StrAppend(&out, out.size() > 1 ? ", " : "", FormatJson(name, -1),
                    ": ", FormatJson(value, -1));
  }
  return out + "}";
}

}  // namespace api
}  // namespace tablestream
