// Copyright 2026 The tablestream Authors.
//
// Item operations. Each request is validated and canonicalized here, on the
// caller's thread, before it reaches the commit pipeline.

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/expression_compile.h"
#include "engine/item_key.h"
#include "engine/legacy_compile.h"
#include "engine/projection.h"
#include "proto/item_codec.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

absl::Status CheckReturnValues(ReturnValue value, bool update) {
  if (update || value == ReturnValue::kNone || value == ReturnValue::kAllOld) {
    return absl::OkStatus();
  }
  return ValidationError(absl::StrCat(
      "Return values set to invalid value (", ReturnValueName(value),
      "); PutItem and DeleteItem allow NONE and ALL_OLD"));
}

absl::Status CheckReturnOnConditionFailure(ReturnValue value) {
  if (value == ReturnValue::kNone || value == ReturnValue::kAllOld) {
    return absl::OkStatus();
  }
  return ValidationError(absl::StrCat(
      "ReturnValuesOnConditionCheckFailure set to invalid value (",
      ReturnValueName(value), "); allowed are NONE and ALL_OLD"));
}

// A canonical, validated copy of a Key parameter.
absl::StatusOr<Item> PrepareKey(const TableState& table, const Item& key) {
  Item canonical = key;
  TABLESTREAM_RETURN_IF_ERROR(CanonicalizeItem(&canonical));
  TABLESTREAM_RETURN_IF_ERROR(
      ValidateKey(table.key_schema, canonical, KeyCheck::kKeyOnly));
  return canonical;
}

ExpressionParameters Parameters(const ExpressionPlaceholders& placeholders) {
  ExpressionParameters p;
  p.names = &placeholders.names;
  p.values = &placeholders.values;
  return p;
}

// The write condition: the ConditionExpression if there is one, else the
// compiled Expected (kTrue when empty).
absl::StatusOr<Condition> WriteCondition(
    const std::optional<std::string>& condition_expression,
    const ExpectedConditions& expected, std::vector<std::string> legacy,
    const ExpressionPlaceholders& placeholders,
    std::optional<std::vector<UpdateAction>>* update = nullptr,
    const std::optional<std::string>& update_expression = std::nullopt) {
  ExpressionParameters p = Parameters(placeholders);
  p.condition = condition_expression;
  p.update = update_expression;
  if (!expected.expected.empty()) legacy.push_back("Expected");
  p.legacy = std::move(legacy);
  TABLESTREAM_ASSIGN_OR_RETURN(CompiledExpressions compiled,
                               CompileExpressions(p));
  if (update != nullptr) *update = std::move(compiled.update);
  if (compiled.condition) return *std::move(compiled.condition);
  return CompileExpected(expected);
}

}  // namespace

absl::StatusOr<WriteResult> EngineImpl::CommitItemMutation(
    ItemMutation::Spec spec, const WriteOptions& options) {
  TABLESTREAM_RETURN_IF_ERROR(MaybeRollOverShard(spec.table->info));
  ItemMutation mutation(context_, std::move(spec));
  TABLESTREAM_RETURN_IF_ERROR(pipeline_->Commit(&mutation, Durable(options)));
  return std::move(mutation.result());
}

absl::StatusOr<WriteResult> EngineImpl::PutItem(const PutItemRequest& request,
                                                const WriteOptions& options) {
  TABLESTREAM_ASSIGN_OR_RETURN(ItemMutation::Spec spec, PreparePut(request));
  return CommitItemMutation(std::move(spec), options);
}

absl::StatusOr<ItemMutation::Spec> EngineImpl::PreparePut(
    const PutItemRequest& request) const {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(request.table_name));
  TABLESTREAM_RETURN_IF_ERROR(CheckReturnValues(request.return_values, false));
  ItemMutation::Spec spec;
  spec.kind = ItemMutation::Kind::kPut;
  spec.new_item = request.item;
  TABLESTREAM_RETURN_IF_ERROR(CanonicalizeItem(&spec.new_item));
  TABLESTREAM_RETURN_IF_ERROR(
      ValidateKey(table->key_schema, spec.new_item, KeyCheck::kItem));
  const int64_t size = ItemSize(spec.new_item);
  if (size > kMaxItemSizeBytes) {
    return ValidationError(absl::StrCat(
        "Item size has exceeded the maximum allowed size (the item is ", size,
        " bytes; the limit is ", kMaxItemSizeBytes, ")"));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      spec.condition,
      WriteCondition(request.condition_expression, request.expected, {},
                     request.placeholders));
  spec.key = ExtractKey(table->key_schema, spec.new_item);
  // Encoded here, on the caller's thread, rather than by the group's leader.
  spec.new_item_bytes = EncodeItem(spec.new_item);
  TABLESTREAM_RETURN_IF_ERROR(CheckReturnOnConditionFailure(
      request.return_values_on_condition_check_failure));
  spec.return_on_condition_failure =
      request.return_values_on_condition_check_failure;
  spec.table = std::move(table);
  spec.return_values = request.return_values;
  return spec;
}

absl::StatusOr<std::optional<Item>> EngineImpl::GetItem(
    const GetItemRequest& request) {
  TABLESTREAM_ASSIGN_OR_RETURN(ItemRead read, PrepareGet(request));
  return ReadItem(read, nullptr);
}

absl::StatusOr<EngineImpl::ItemRead> EngineImpl::PrepareGet(
    const GetItemRequest& request) const {
  ItemRead read;
  TABLESTREAM_ASSIGN_OR_RETURN(read.table, FindTable(request.table_name));
  TABLESTREAM_ASSIGN_OR_RETURN(read.key, PrepareKey(*read.table, request.key));
  ExpressionParameters p = Parameters(request.placeholders);
  p.projection = request.projection_expression;
  if (!request.attributes_to_get.empty()) p.legacy.push_back("AttributesToGet");
  TABLESTREAM_ASSIGN_OR_RETURN(CompiledExpressions compiled,
                               CompileExpressions(p));
  read.projection = std::move(compiled.projection);
  read.attributes_to_get = request.attributes_to_get;
  read.storage_key = ItemStorageKey(read.table->info.table_id(),
                                    read.table->key_schema, read.key);
  return read;
}

absl::StatusOr<std::optional<Item>> EngineImpl::ReadItem(
    const ItemRead& read, const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  std::string bytes;
  rocksdb::Status s =
      db_->Get(options, context_.items_cf, read.storage_key, &bytes);
  if (s.IsNotFound()) return std::optional<Item>();
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(s, "item read"));
  TABLESTREAM_ASSIGN_OR_RETURN(Item item, DecodeItem(bytes));
  if (read.projection) {
    return std::optional<Item>(ProjectItem(item, *read.projection));
  }
  if (read.attributes_to_get.empty()) return std::optional<Item>(item);
  Item projected;
  for (const std::string& name : read.attributes_to_get) {
    auto it = item.find(name);
    if (it != item.end()) projected.insert(*it);
  }
  return std::optional<Item>(std::move(projected));
}

absl::StatusOr<WriteResult> EngineImpl::DeleteItem(
    const DeleteItemRequest& request, const WriteOptions& options) {
  TABLESTREAM_ASSIGN_OR_RETURN(ItemMutation::Spec spec, PrepareDelete(request));
  return CommitItemMutation(std::move(spec), options);
}

absl::StatusOr<ItemMutation::Spec> EngineImpl::PrepareDelete(
    const DeleteItemRequest& request) const {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(request.table_name));
  TABLESTREAM_RETURN_IF_ERROR(CheckReturnValues(request.return_values, false));
  ItemMutation::Spec spec;
  spec.kind = ItemMutation::Kind::kDelete;
  TABLESTREAM_ASSIGN_OR_RETURN(spec.key, PrepareKey(*table, request.key));
  TABLESTREAM_ASSIGN_OR_RETURN(
      spec.condition,
      WriteCondition(request.condition_expression, request.expected, {},
                     request.placeholders));
  TABLESTREAM_RETURN_IF_ERROR(CheckReturnOnConditionFailure(
      request.return_values_on_condition_check_failure));
  spec.return_on_condition_failure =
      request.return_values_on_condition_check_failure;
  spec.table = std::move(table);
  spec.return_values = request.return_values;
  return spec;
}

absl::StatusOr<WriteResult> EngineImpl::UpdateItem(
    const UpdateItemRequest& request, const WriteOptions& options) {
  TABLESTREAM_ASSIGN_OR_RETURN(ItemMutation::Spec spec, PrepareUpdate(request));
  return CommitItemMutation(std::move(spec), options);
}

absl::StatusOr<ItemMutation::Spec> EngineImpl::PrepareUpdate(
    const UpdateItemRequest& request) const {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(request.table_name));
  ItemMutation::Spec spec;
  spec.kind = ItemMutation::Kind::kUpdate;
  TABLESTREAM_ASSIGN_OR_RETURN(spec.key, PrepareKey(*table, request.key));
  std::vector<std::string> legacy;
  if (!request.attribute_updates.empty()) legacy.push_back("AttributeUpdates");
  std::optional<std::vector<UpdateAction>> actions;
  TABLESTREAM_ASSIGN_OR_RETURN(
      spec.condition,
      WriteCondition(request.condition_expression, request.expected,
                     std::move(legacy), request.placeholders, &actions,
                     request.update_expression));
  if (actions) {
    // An UpdateExpression creates a missing item, whatever its actions.
    spec.update.actions = *std::move(actions);
    spec.update.creates_item = true;
  } else {
    TABLESTREAM_ASSIGN_OR_RETURN(
        spec.update, CompileAttributeUpdates(request.attribute_updates,
                                             table->key_schema.names()));
  }
  TABLESTREAM_RETURN_IF_ERROR(CheckReturnOnConditionFailure(
      request.return_values_on_condition_check_failure));
  spec.return_on_condition_failure =
      request.return_values_on_condition_check_failure;
  spec.table = std::move(table);
  spec.return_values = request.return_values;
  return spec;
}

}  // namespace tablestream
