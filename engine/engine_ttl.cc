// Copyright 2026 The tablestream Authors.
//
// Item Time to Live: UpdateTimeToLive, DescribeTimeToLive and the sweeper
// that deletes expired items (run by the retention task, or by a call to
// DeleteExpiredItems).
//
// The sweeper scans each TTL-enabled table and deletes each item whose TTL
// attribute is a Number of epoch seconds at or before the engine's clock,
// conditionally on that attribute still holding the value it read, so a
// write that extends the item's life meanwhile wins. The deletions are not
// synced: one lost in a power cut is made again by the next pass, with its
// record, since the item and its record commit together.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/item_key.h"
#include "engine/table_mutations.h"
#include "proto/item_codec.h"
#include "tablestream/errors.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// DynamoDB ignores TTL values five or more years in the past.
constexpr int64_t kMaxTtlAgeSeconds = 5 * 365 * 24 * 3600;

}  // namespace

absl::StatusOr<TimeToLiveSpecification> EngineImpl::UpdateTimeToLive(
    const UpdateTimeToLiveRequest& request) {
  const std::string& name =
      request.time_to_live_specification.attribute_name;
  if (name.empty() || name.size() > 255) {
    return ValidationError(absl::StrCat(
        "1 validation error detected: Value '", name,
        "' at 'timeToLiveSpecification.attributeName' failed to satisfy "
        "constraint: Member must have length between 1 and 255"));
  }
  TABLESTREAM_RETURN_IF_ERROR(FindTable(request.table_name).status());
  UpdateTimeToLiveMutation mutation(context_, request);
  TABLESTREAM_RETURN_IF_ERROR(pipeline_->Commit(&mutation, /*durable=*/true));
  return request.time_to_live_specification;
}

absl::StatusOr<TimeToLiveDescription> EngineImpl::DescribeTimeToLive(
    const std::string& table_name) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(table_name));
  TimeToLiveDescription description;
  description.time_to_live_status =
      table->info.ttl_enabled() ? "ENABLED" : "DISABLED";
  if (!table->info.ttl_attribute_name().empty()) {
    description.attribute_name = table->info.ttl_attribute_name();
  }
  return description;
}

absl::StatusOr<int64_t> EngineImpl::DeleteExpiredItems() {
  int64_t deleted = 0;
  for (const std::string& name : catalog_->TableNames()) {
    std::shared_ptr<const TableState> table = catalog_->FindTable(name);
    if (table == nullptr || !table->info.ttl_enabled()) continue;
    TABLESTREAM_ASSIGN_OR_RETURN(int64_t n, DeleteExpiredItemsOf(table));
    deleted += n;
  }
  return deleted;
}

absl::StatusOr<int64_t> EngineImpl::DeleteExpiredItemsOf(
    const std::shared_ptr<const TableState>& table) {
  const std::string& attribute = table->info.ttl_attribute_name();
  const double now_seconds =
      static_cast<double>(options_.clock->NowMicros()) / 1e6;
  // Not synced (see the file comment).
  WriteOptions not_synced;
  not_synced.durable = false;

  int64_t deleted = 0;
  const std::string begin = TableKeyBegin(table->info.table_id());
  const std::string end = TableKeyEnd(table->info.table_id());
  rocksdb::ReadOptions read;
  rocksdb::Slice upper(end);
  read.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read, context_.items_cf));
  for (it->Seek(begin); it->Valid(); it->Next()) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        Item item, DecodeItem(std::string_view(it->value().data(),
                                               it->value().size())));
    auto ttl = item.find(attribute);
    if (ttl == item.end() || ttl->second.type() != AttributeType::kN) {
      continue;  // DynamoDB ignores items without a Number TTL
    }
    double expires = 0;
    if (!absl::SimpleAtod(ttl->second.scalar(), &expires) ||
        expires > now_seconds || expires < now_seconds - kMaxTtlAgeSeconds) {
      continue;
    }
    ItemMutation::Spec spec;
    spec.kind = ItemMutation::Kind::kDelete;
    spec.table = table;
    spec.key = ExtractKey(table->key_schema, item);
    // The item exists and holds this value, so a delete that passes the
    // condition always removes it.
    spec.condition = Condition::Compare(CompareOp::kEq,
                                        Operand::Path(TopLevel(attribute)),
                                        Operand::Value(ttl->second));
    spec.service_delete = true;
    absl::Status status =
        CommitItemMutation(std::move(spec), not_synced).status();
    if (status.ok()) {
      ++deleted;
    } else if (!IsConditionalCheckFailed(status)) {
      return status;  // changed meanwhile is fine; this is not
    }
  }
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(it->status(), "TTL scan"));
  return deleted;
}

}  // namespace tablestream
