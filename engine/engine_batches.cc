// Copyright 2026 The tablestream Authors.
//
// BatchGetItem and BatchWriteItem (see batch.h).

#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/item_key.h"
#include "rocksdb/snapshot.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

absl::Status DuplicateKeys(const std::string& table) {
  return ValidationError(absl::StrCat(
      "Provided list of item keys contains duplicates (in table ", table, ")"));
}

absl::Status EmptyRequestItems() {
  return ValidationError(
      "1 validation error detected: Value at 'requestItems' failed to "
      "satisfy constraint: Member must have length greater than or equal to 1");
}

}  // namespace

absl::StatusOr<BatchGetItemResult> EngineImpl::BatchGetItem(
    const BatchGetItemRequest& request) {
  if (request.request_items.empty()) return EmptyRequestItems();
  size_t total = 0;
  for (const auto& [table, keys] : request.request_items) {
    if (keys.keys.empty()) {
      return ValidationError(absl::StrCat(
          "1 validation error detected: Value at 'requestItems." , table,
          ".member.keys' failed to satisfy constraint: Member must have "
          "length greater than or equal to 1"));
    }
    total += keys.keys.size();
  }
  if (total > kMaxBatchGetKeys) {
    return ValidationError(absl::StrCat(
        "Too many items requested for the BatchGetItem call (", total,
        " keys; the limit is ", kMaxBatchGetKeys, ")"));
  }
  // Validate everything before reading anything.
  struct TableReads {
    const std::string* table;
    const KeysAndAttributes* keys;
    std::vector<ItemRead> reads;
  };
  std::vector<TableReads> tables;
  for (const auto& [table, keys] : request.request_items) {
    TableReads t{&table, &keys, {}};
    std::set<std::string> seen;
    for (const Item& key : keys.keys) {
      GetItemRequest get;
      get.table_name = table;
      get.key = key;
      get.attributes_to_get = keys.attributes_to_get;
      get.projection_expression = keys.projection_expression;
      get.placeholders.names = keys.expression_attribute_names;
      TABLESTREAM_ASSIGN_OR_RETURN(ItemRead read, PrepareGet(get));
      if (!seen.insert(read.storage_key).second) return DuplicateKeys(table);
      t.reads.push_back(std::move(read));
    }
    tables.push_back(std::move(t));
  }
  rocksdb::ManagedSnapshot snapshot(db_.get());
  BatchGetItemResult result;
  int64_t bytes = 0;
  bool full = false;
  for (const TableReads& t : tables) {
    for (size_t i = 0; i < t.reads.size(); ++i) {
      if (!full) {
        TABLESTREAM_ASSIGN_OR_RETURN(std::optional<Item> item,
                                     ReadItem(t.reads[i], snapshot.snapshot()));
        if (!item) continue;
        const int64_t size = ItemSize(*item);
        if (bytes + size <= kMaxBatchBytes) {
          bytes += size;
          result.responses[*t.table].push_back(*std::move(item));
          continue;
        }
        full = true;
      }
      KeysAndAttributes& left = result.unprocessed_keys[*t.table];
      if (left.keys.empty()) {
        left = *t.keys;
        left.keys.clear();
      }
      left.keys.push_back(t.reads[i].key);
    }
  }
  return result;
}

absl::StatusOr<BatchWriteItemResult> EngineImpl::BatchWriteItem(
    const BatchWriteItemRequest& request, const WriteOptions& options) {
  if (request.request_items.empty()) return EmptyRequestItems();
  size_t total = 0;
  for (const auto& [table, writes] : request.request_items) {
    if (writes.empty()) {
      return ValidationError(absl::StrCat(
          "1 validation error detected: Value at 'requestItems.", table,
          "' failed to satisfy constraint: Member must have length greater "
          "than or equal to 1"));
    }
    total += writes.size();
  }
  if (total > kMaxBatchWriteRequests) {
    return ValidationError(absl::StrCat(
        "Too many items requested for the BatchWriteItem call (", total,
        " requests; the limit is ", kMaxBatchWriteRequests, ")"));
  }
  std::vector<ItemMutation::Spec> specs;
  int64_t bytes = 0;
  for (const auto& [table, writes] : request.request_items) {
    std::set<std::string> seen;
    for (const WriteRequest& write : writes) {
      absl::StatusOr<ItemMutation::Spec> spec;
      if (const auto* put = std::get_if<PutRequest>(&write)) {
        PutItemRequest p;
        p.table_name = table;
        p.item = put->item;
        spec = PreparePut(p);
        if (spec.ok()) bytes += ItemSize(spec->new_item);
      } else {
        DeleteItemRequest d;
        d.table_name = table;
        d.key = std::get<DeleteRequest>(write).key;
        spec = PrepareDelete(d);
        if (spec.ok()) bytes += ItemSize(spec->key);
      }
      TABLESTREAM_RETURN_IF_ERROR(spec.status());
      const std::string key = ItemStorageKey(
          spec->table->info.table_id(), spec->table->key_schema, spec->key);
      if (!seen.insert(key).second) return DuplicateKeys(table);
      specs.push_back(*std::move(spec));
    }
  }
  if (bytes > kMaxBatchBytes) {
    return ValidationError(absl::StrCat(
        "Item collection size has exceeded the maximum allowed size of a "
        "BatchWriteItem request (the items are ",
        bytes, " bytes; the limit is ", kMaxBatchBytes, ")"));
  }
  TABLESTREAM_RETURN_IF_ERROR(CommitItemMutations(
      std::move(specs), /*transaction=*/false, std::nullopt, options));
  return BatchWriteItemResult{};
}

}  // namespace tablestream
