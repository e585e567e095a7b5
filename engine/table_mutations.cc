// Copyright 2026 The tablestream Authors.

#include "engine/table_mutations.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "stream/stream_keys.h"
#include "stream/stream_names.h"
#include "tablestream/errors.h"

namespace tablestream {

absl::Status TableNotFound(const std::string& name) {
  return NotFoundError(absl::StrCat(
      "Requested resource not found: Table: ", name, " not found"));
}

void CatalogMutation::Committed() {
  if (meta_) ctx_.catalog->SetMeta(*meta_);
  for (storage::StreamInfo& s : streams_) ctx_.catalog->PutStream(std::move(s));
  for (const std::string& name : removed_tables_) {
    ctx_.catalog->RemoveTable(name);
  }
  for (storage::TableInfo& t : tables_) ctx_.catalog->PutTable(std::move(t));
}

void CatalogMutation::StageTable(MutationContext& m, storage::TableInfo info) {
  m.Put(ctx_.catalog_cf, TableCatalogKey(info.name()),
        info.SerializeAsString());
  tables_.push_back(std::move(info));
}

void CatalogMutation::StageTableRemoval(MutationContext& m,
                                        const std::string& name) {
  m.Delete(ctx_.catalog_cf, TableCatalogKey(name));
  removed_tables_.push_back(name);
}

void CatalogMutation::StageStream(MutationContext& m,
                                  storage::StreamInfo info) {
  m.Put(ctx_.catalog_cf, StreamCatalogKey(info.stream_id()),
        info.SerializeAsString());
  streams_.push_back(std::move(info));
}

void CatalogMutation::StageMeta(MutationContext& m, storage::CatalogMeta meta) {
  m.Put(ctx_.catalog_cf, CatalogMetaKey(), meta.SerializeAsString());
  meta_ = std::move(meta);
}

void CatalogMutation::StageNewStream(MutationContext& m,
                                     storage::CatalogMeta* meta,
                                     storage::TableInfo* table,
                                     StreamViewType view_type) {
  const int64_t now = m.CommitTimeMicros();
  const uint64_t stream_id = meta->next_stream_id();
  meta->set_next_stream_id(stream_id + 1);

  // The label is the creation time; it must give an ARN no other stream
  // has, also when a stream of a same-named table was made in the same ms.
  int64_t label_micros = now;
  std::string label = FormatStreamLabel(label_micros);
  while (ctx_.catalog->FindStreamByArn(
             ctx_.catalog->StreamArn(table->name(), label)) != nullptr) {
    label_micros += 1000;
    label = FormatStreamLabel(label_micros);
  }

  storage::StreamInfo stream;
  stream.set_stream_id(stream_id);
  stream.set_table_name(table->name());
  stream.set_table_id(table->table_id());
  stream.set_label(label);
  stream.set_view_type(static_cast<int32_t>(view_type));
  stream.set_creation_time_micros(now);
  stream.set_enabled(true);
  *stream.mutable_key_schema() = table->key_schema();
  storage::ShardInfo* shard = stream.add_shards();
  shard->set_ordinal(0);
  shard->set_shard_id(MakeShardId(now, stream_id, 0));
  shard->set_first_sequence(1);
  shard->set_created_time_micros(now);
  m.CreateLog(ShardLogId(stream_id, 0), 1);
  StageStream(m, std::move(stream));

  table->set_latest_stream_id(stream_id);
  table->set_stream_enabled(true);
  table->set_stream_view_type(static_cast<int32_t>(view_type));
}

void CatalogMutation::StageStreamClose(MutationContext& m,
                                       storage::TableInfo* table) {
  std::shared_ptr<const StreamState> current =
      ctx_.catalog->FindStream(table->latest_stream_id());
  table->set_stream_enabled(false);
  if (current == nullptr) return;
  storage::StreamInfo stream = current->info;
  stream.set_enabled(false);
  stream.set_disabled_time_micros(m.CommitTimeMicros());
  for (storage::ShardInfo& shard : *stream.mutable_shards()) {
    if (shard.closed()) continue;
    shard.set_closed(true);
    shard.set_closed_time_micros(m.CommitTimeMicros());
    shard.set_last_sequence(
        m.PeekNextSequence(ShardLogId(stream.stream_id(), shard.ordinal())) -
        1);
  }
  StageStream(m, std::move(stream));
}

absl::Status CreateTableMutation::Apply(MutationContext& m) {
  if (ctx_.catalog->FindTable(name_) != nullptr) {
    return MakeError(kResourceInUseException,
                     absl::StrCat("Table already exists: ", name_));
  }
  storage::CatalogMeta meta = ctx_.catalog->meta();
  storage::TableInfo table;
  table.set_name(name_);
  table.set_table_id(meta.next_table_id());
  meta.set_next_table_id(meta.next_table_id() + 1);
  table.set_creation_time_micros(m.CommitTimeMicros());
  *table.mutable_key_schema() = key_schema_;
  // A UUID-shaped id, stable for the table.
  const uint64_t id = table.table_id();
  const uint64_t t = static_cast<uint64_t>(table.creation_time_micros());
  table.set_uuid(absl::StrFormat(
      "%08x-%04x-4%03x-8%03x-%012x", static_cast<uint32_t>(t >> 16),
      static_cast<uint32_t>(t & 0xffff),
      static_cast<uint32_t>(id >> 48) & 0xfff,
      static_cast<uint32_t>(id >> 36) & 0xfff, id & 0xffffffffffffULL));
  if (stream_view_type_) {
    StageNewStream(m, &meta, &table, *stream_view_type_);
  }
  StageMeta(m, std::move(meta));
  StageTable(m, std::move(table));
  return absl::OkStatus();
}

absl::Status DeleteTableMutation::Apply(MutationContext& m) {
  std::shared_ptr<const TableState> table = ctx_.catalog->FindTable(name_);
  if (table == nullptr) return TableNotFound(name_);
  storage::TableInfo info = table->info;
  if (info.stream_enabled()) StageStreamClose(m, &info);
  deleted_ = info;
  StageTableRemoval(m, name_);
  return absl::OkStatus();
}

absl::Status UpdateStreamMutation::Apply(MutationContext& m) {
  std::shared_ptr<const TableState> table = ctx_.catalog->FindTable(name_);
  if (table == nullptr) return TableNotFound(name_);
  storage::TableInfo info = table->info;
  if (spec_.stream_enabled) {
    if (info.stream_enabled()) {
      const bool same = static_cast<int32_t>(*spec_.stream_view_type) ==
                        info.stream_view_type();
      return ValidationError(absl::StrCat(
          "Table already has an enabled stream: TableName: ", name_,
          same ? ""
               : absl::StrCat(
                     "; its StreamViewType ",
                     StreamViewTypeName(
                         static_cast<StreamViewType>(info.stream_view_type())),
                     " cannot change in place: disable the stream, then "
                     "enable it with the new view type")));
    }
    storage::CatalogMeta meta = ctx_.catalog->meta();
    StageNewStream(m, &meta, &info, *spec_.stream_view_type);
    StageMeta(m, std::move(meta));
  } else {
    if (!info.stream_enabled()) {
      return ValidationError(absl::StrCat(
          "Table ", name_,
          " has no enabled stream to disable (StreamEnabled is already "
          "false)"));
    }
    StageStreamClose(m, &info);
  }
  StageTable(m, std::move(info));
  return absl::OkStatus();
}

absl::Status UpdateTimeToLiveMutation::Apply(MutationContext& m) {
  const std::string& name = request_.table_name;
  const TimeToLiveSpecification& spec = request_.time_to_live_specification;
  std::shared_ptr<const TableState> table = ctx_.catalog->FindTable(name);
  if (table == nullptr) return TableNotFound(name);
  storage::TableInfo info = table->info;
  if (spec.enabled == info.ttl_enabled()) {
    return ValidationError(spec.enabled ? "TimeToLive is already enabled"
                                        : "TimeToLive is already disabled");
  }
  if (!spec.enabled && spec.attribute_name != info.ttl_attribute_name()) {
    return ValidationError(absl::StrCat(
        "TimeToLive is enabled on attribute ", info.ttl_attribute_name(),
        ", not on ", spec.attribute_name, ": disable it with that name"));
  }
  info.set_ttl_enabled(spec.enabled);
  info.set_ttl_attribute_name(spec.attribute_name);
  StageTable(m, std::move(info));
  return absl::OkStatus();
}

}  // namespace tablestream
