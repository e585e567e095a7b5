// Copyright 2026 The tablestream Authors.
//
// Table operations.

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/item_key.h"
#include "engine/table_mutations.h"
#include "engine/table_validation.h"
#include "tablestream/errors.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {

absl::StatusOr<std::shared_ptr<const TableState>> EngineImpl::FindTable(
    const std::string& name) const {
  TABLESTREAM_RETURN_IF_ERROR(ValidateTableName(name));
  std::shared_ptr<const TableState> table = catalog_->FindTable(name);
  if (table == nullptr) return TableNotFound(name);
  return table;
}

absl::StatusOr<TableDescription> EngineImpl::Describe(
    const TableState& table) const {
  const storage::TableInfo& info = table.info;
  TableDescription d;
  d.table_name = info.name();
  d.table_id = info.uuid();
  d.table_arn = catalog_->TableArn(info.name());
  d.table_status = "ACTIVE";
  d.creation_date_time = static_cast<double>(info.creation_time_micros()) / 1e6;
  for (const auto& e : info.key_schema()) {
    d.key_schema.push_back(
        {e.attribute_name(), static_cast<KeyType>(e.key_type())});
    d.attribute_definitions.push_back(
        {e.attribute_name(),
         static_cast<ScalarAttributeType>(e.attribute_type())});
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      d.item_count, pipeline_->CounterValue(ItemCountKey(info.table_id())));
  if (info.latest_stream_id() != 0) {
    StreamSpecification spec;
    spec.stream_enabled = info.stream_enabled();
    if (info.stream_enabled()) {
      spec.stream_view_type =
          static_cast<StreamViewType>(info.stream_view_type());
    }
    d.stream_specification = spec;
    std::shared_ptr<const StreamState> stream =
        catalog_->FindStream(info.latest_stream_id());
    if (stream != nullptr) {
      d.latest_stream_arn = stream->arn;
      d.latest_stream_label = stream->info.label();
    }
  }
  return d;
}

absl::StatusOr<TableDescription> EngineImpl::CreateTable(
    const CreateTableRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(ValidateTableName(request.table_name));
  TABLESTREAM_ASSIGN_OR_RETURN(auto key_schema, ValidateKeySchema(request));
  std::optional<StreamViewType> view_type;
  if (request.stream_specification) {
    TABLESTREAM_RETURN_IF_ERROR(
        ValidateStreamSpecification(*request.stream_specification));
    if (request.stream_specification->stream_enabled) {
      view_type = request.stream_specification->stream_view_type;
    }
  }
  CreateTableMutation mutation(context_, request.table_name,
                               std::move(key_schema), view_type);
  TABLESTREAM_RETURN_IF_ERROR(pipeline_->Commit(&mutation, /*durable=*/true));
  return DescribeTable(request.table_name);
}

absl::StatusOr<TableDescription> EngineImpl::DescribeTable(
    const std::string& table_name) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(table_name));
  return Describe(*table);
}

absl::StatusOr<ListTablesResult> EngineImpl::ListTables(
    const ListTablesRequest& request) {
  const int limit = request.limit.value_or(100);
  if (limit < 1 || limit > 100) {
    return ValidationError(absl::StrCat(
        "1 validation error detected: Value '", limit,
        "' at 'limit' failed to satisfy constraint: Member must have value "
        "between 1 and 100"));
  }
  ListTablesResult result;
  for (const std::string& name : catalog_->TableNames()) {
    if (request.exclusive_start_table_name &&
        name <= *request.exclusive_start_table_name) {
      continue;
    }
    if (static_cast<int>(result.table_names.size()) == limit) {
      result.last_evaluated_table_name = result.table_names.back();
      break;
    }
    result.table_names.push_back(name);
  }
  return result;
}

absl::StatusOr<TableDescription> EngineImpl::DeleteTable(
    const std::string& table_name) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(table_name));
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription description, Describe(*table));
  DeleteTableMutation mutation(context_, table_name);
  TABLESTREAM_RETURN_IF_ERROR(pipeline_->Commit(&mutation, /*durable=*/true));
  const uint64_t table_id = mutation.deleted().table_id();
  // The items go after the catalog change; if this fails or the process
  // dies first, the next open removes them (table ids are never reused).
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(
      db_->DeleteRange(rocksdb::WriteOptions(), context_.items_cf,
                       TableKeyBegin(table_id), TableKeyEnd(table_id)),
      "removing a deleted table's items"));
  description.table_status = "DELETING";
  if (description.stream_specification) {
    description.stream_specification->stream_enabled = false;
    description.stream_specification->stream_view_type.reset();
  }
  return description;
}

absl::StatusOr<TableDescription> EngineImpl::UpdateTable(
    const UpdateTableRequest& request) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(request.table_name));
  for (const AttributeDefinition& d : request.attribute_definitions) {
    bool is_key = false;
    for (const auto& e : table->info.key_schema()) {
      is_key |= e.attribute_name() == d.attribute_name &&
                e.attribute_type() == static_cast<int32_t>(d.attribute_type);
    }
    if (!is_key) {
      return ValidationError(absl::StrCat(
          "One or more parameter values were invalid: attribute definition \"",
          d.attribute_name,
          "\" does not match a key attribute; without secondary indexes, "
          "AttributeDefinitions may only restate the key attributes"));
    }
  }
  if (!request.stream_specification) {
    if (request.billing_mode) return Describe(*table);
    return ValidationError(
        "At least one of ProvisionedThroughput, BillingMode, "
        "UpdateStreamEnabled, GlobalSecondaryIndexUpdates or "
        "SSESpecification or ReplicaUpdates is required");
  }
  TABLESTREAM_RETURN_IF_ERROR(
      ValidateStreamSpecification(*request.stream_specification));
  UpdateStreamMutation mutation(context_, request.table_name,
                                *request.stream_specification);
  TABLESTREAM_RETURN_IF_ERROR(pipeline_->Commit(&mutation, /*durable=*/true));
  return DescribeTable(request.table_name);
}

}  // namespace tablestream
