// Copyright 2026 The tablestream Authors.

#include "engine/item_mutation.h"

#include "absl/strings/str_cat.h"
#include "engine/error_details.h"
#include "engine/item_key.h"
#include "engine/projection.h"
#include "engine/table_mutations.h"
#include "engine/update.h"
#include "proto/item_codec.h"
#include "stream/record_codec.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// The paths an update writes (`with_removed`: REMOVE paths too). Paths of one
// update do not overlap (the expression compiler refuses that; legacy
// updates name distinct top-level attributes), as ProjectItem requires.
std::vector<DocumentPath> UpdatedPaths(const std::vector<UpdateAction>& actions,
                                       bool with_removed) {
  std::vector<DocumentPath> paths;
  paths.reserve(actions.size());
  for (const UpdateAction& action : actions) {
    if (with_removed || action.kind != UpdateAction::Kind::kRemove) {
      paths.push_back(action.path);
    }
  }
  return paths;
}

}  // namespace

absl::Status ItemMutation::Apply(MutationContext& m) {
  const TableState& table = *spec_.table;
  // The table may have been deleted (or deleted and re-created) after the
  // request was validated.
  std::shared_ptr<const TableState> current =
      ctx_.catalog->FindTable(table.info.name());
  if (current == nullptr || current->info.table_id() != table.info.table_id()) {
    return TableNotFound(table.info.name());
  }
  const storage::TableInfo& info = current->info;

  const std::string key =
      ItemStorageKey(info.table_id(), table.key_schema, spec_.key);
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<std::string> old_bytes,
                               m.Get(ctx_.items_cf, key));
  std::optional<Item> old;
  if (old_bytes) {
    TABLESTREAM_ASSIGN_OR_RETURN(old, DecodeItem(*old_bytes));
  }

  TABLESTREAM_ASSIGN_OR_RETURN(
      bool holds, EvaluateCondition(spec_.condition, old ? &*old : nullptr));
  if (!holds) {
    const bool with_item =
        old && spec_.return_on_condition_failure == ReturnValue::kAllOld;
    return ConditionalCheckFailed(with_item ? &*old : nullptr);
  }
  if (spec_.kind == Kind::kCheck) return absl::OkStatus();

  // The item after the write, and its encoding.
  const Item* updated = nullptr;
  const std::string* updated_bytes = nullptr;
  std::optional<Item> computed;
  std::string computed_bytes;
  switch (spec_.kind) {
    case Kind::kPut:
      updated = &spec_.new_item;
      updated_bytes = &spec_.new_item_bytes;
      break;
    case Kind::kDelete:
    case Kind::kCheck:
      break;
    case Kind::kUpdate: {
      TABLESTREAM_ASSIGN_OR_RETURN(computed,
                                   UpdatedItem(old ? &*old : nullptr));
      if (computed) {
        updated = &*computed;
        computed_bytes = EncodeItem(*computed);
        updated_bytes = &computed_bytes;
      }
      break;
    }
  }
  FillResult(old ? &*old : nullptr, updated);

  if (!old && !updated) return absl::OkStatus();  // delete of nothing
  if (old && updated && *old == *updated) return absl::OkStatus();  // no-op

  EventName event = !old       ? EventName::kInsert
                    : !updated ? EventName::kRemove
                               : EventName::kModify;
  event_ = event;
  if (updated) {
    m.Put(ctx_.items_cf, key, *updated_bytes);
  } else {
    m.Delete(ctx_.items_cf, key);
  }
  if (event != EventName::kModify) {
    m.AddToCounter(ItemCountKey(info.table_id()),
                   event == EventName::kInsert ? 1 : -1);
  }

  if (!info.stream_enabled()) return absl::OkStatus();
  std::shared_ptr<const StreamState> stream =
      ctx_.catalog->FindStream(info.latest_stream_id());
  if (stream == nullptr || stream->info.shards_size() == 0) {
    return MakeError(kInternalServerError,
                     absl::StrCat("table ", info.name(),
                                  " has an enabled stream that the catalog "
                                  "does not hold"));
  }
  const storage::ShardInfo& shard =
      stream->info.shards(stream->info.shards_size() - 1);
  const uint64_t sequence =
      m.NextSequence(ShardLogId(stream->info.stream_id(), shard.ordinal()));
  ItemChange change;
  change.event = event;
  change.keys = &spec_.key;
  change.old_item = old ? &*old : nullptr;
  change.new_item = updated;
  change.old_item_bytes = old_bytes ? &*old_bytes : nullptr;
  change.new_item_bytes = updated_bytes;
  change.service_delete = spec_.service_delete;
  m.Put(ctx_.stream_cf,
        RecordKey(stream->info.stream_id(), shard.ordinal(), sequence),
        EncodeRecord(change,
                     static_cast<StreamViewType>(stream->info.view_type()),
                     m.CommitTimeMicros()));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Item>> ItemMutation::UpdatedItem(
    const Item* old) {
  if (old == nullptr && !spec_.update.creates_item) {
    return std::optional<Item>();
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      Item updated, ApplyUpdate(spec_.update.actions, old, spec_.key,
                                spec_.table->key_schema.names()));
  const int64_t size = ItemSize(updated);
  if (size > kMaxItemSizeBytes) {
    return ValidationError(absl::StrCat(
        "Item size to update has exceeded the maximum allowed size (the "
        "updated item would be ",
        size, " bytes; the limit is ", kMaxItemSizeBytes, ")"));
  }
  return std::optional<Item>(std::move(updated));
}

void ItemMutation::FillResult(const Item* old, const Item* updated) {
  switch (spec_.return_values) {
    case ReturnValue::kNone:
      return;
    case ReturnValue::kAllOld:
      if (old) result_.attributes = *old;
      return;
    case ReturnValue::kAllNew:
      if (updated) result_.attributes = *updated;
      return;
    case ReturnValue::kUpdatedOld:
    case ReturnValue::kUpdatedNew: {
      const Item* source =
          spec_.return_values == ReturnValue::kUpdatedOld ? old : updated;
      if (source == nullptr) return;
      // Only the updated paths, nested ones inside their maps and lists,
      // as DynamoDB returns them.
      // UPDATED_NEW leaves out removed paths (list indexes after a removal
      // would name other elements).
      Item projected = ProjectItem(
          *source, UpdatedPaths(spec_.update.actions, source == old));
      if (!projected.empty()) result_.attributes = std::move(projected);
      return;
    }
  }
}

}  // namespace tablestream
