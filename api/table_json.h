// Copyright 2026 The tablestream Authors.
//
// JSON requests and responses of the table operations: CreateTable,
// DescribeTable, ListTables, DeleteTable and UpdateTable, with AWS's member
// names and member order.
//
// Parsing checks shape and types and refuses members tablestream does not
// implement (secondary indexes, tags, SSE, ...) with a ValidationException
// that says so; BillingMode and ProvisionedThroughput are checked for shape
// and otherwise ignored (every table behaves as PAY_PER_REQUEST). Values
// (table name syntax, key schema rules, Limit ranges) are the engine's to
// validate.
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_TABLE_JSON_H_
#define TABLESTREAM_API_TABLE_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/table.h"

namespace tablestream {
namespace api {

absl::StatusOr<CreateTableRequest> ParseCreateTableRequest(const Json& json);
// DescribeTable and DeleteTable take only the table name.
absl::StatusOr<std::string> ParseDescribeTableRequest(const Json& json);
absl::StatusOr<std::string> ParseDeleteTableRequest(const Json& json);
absl::StatusOr<ListTablesRequest> ParseListTablesRequest(const Json& json);
absl::StatusOr<UpdateTableRequest> ParseUpdateTableRequest(const Json& json);

// A TableDescription as AWS renders it. Includes ProvisionedThroughput (all
// zero) and BillingModeSummary (PAY_PER_REQUEST), which is what the engine
// is; omits TableSizeBytes, which the engine does not track.
Json TableDescriptionToJson(const TableDescription& table);

Json CreateTableResponse(const TableDescription& table);    // TableDescription
Json DescribeTableResponse(const TableDescription& table);  // Table
Json DeleteTableResponse(const TableDescription& table);    // TableDescription
Json UpdateTableResponse(const TableDescription& table);    // TableDescription
Json ListTablesResponse(const ListTablesResult& result);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_TABLE_JSON_H_
