// Copyright 2026 The tablestream Authors.

#include "engine/catalog.h"

#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/key_encoding.h"
#include "util/rocksdb_status.h"

namespace tablestream {

std::string CatalogMetaKey() { return "meta"; }
std::string TableCatalogKey(const std::string& table_name) {
  return absl::StrCat("table/", table_name);
}
std::string StreamCatalogKey(uint64_t stream_id) {
  std::string key = "stream/";
  PutFixed64BE(&key, stream_id);
  return key;
}
std::string ItemCountKey(uint64_t table_id) {
  std::string key = "count/";
  PutFixed64BE(&key, table_id);
  return key;
}

std::vector<std::string> KeySchema::names() const {
  std::vector<std::string> names = {partition_name};
  if (sort_name) names.push_back(*sort_name);
  return names;
}

KeySchema KeySchemaFromProto(
    const google::protobuf::RepeatedPtrField<storage::KeySchemaElementProto>&
        elements) {
  KeySchema schema;
  for (const storage::KeySchemaElementProto& e : elements) {
    auto type = static_cast<ScalarAttributeType>(e.attribute_type());
    if (static_cast<KeyType>(e.key_type()) == KeyType::kHash) {
      schema.partition_name = e.attribute_name();
      schema.partition_type = type;
    } else {
      schema.sort_name = e.attribute_name();
      schema.sort_type = type;
    }
  }
  return schema;
}

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::Load(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string region,
    std::string account_id) {
  std::unique_ptr<Catalog> catalog(
      new Catalog(std::move(region), std::move(account_id)));
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), cf));
  bool have_meta = false;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string key = it->key().ToString();
    const rocksdb::Slice value = it->value();
    auto corrupt = [&]() {
      return MakeError(kInternalServerError,
                       absl::StrCat("corrupt catalog record \"",
                                    absl::CHexEscape(key), "\""));
    };
    if (key == CatalogMetaKey()) {
      storage::CatalogMeta meta;
      if (!meta.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        return corrupt();
      }
      if (meta.format_version() != kCatalogFormatVersion) {
        return MakeError(
            kInternalServerError,
            absl::StrCat("the database has format version ",
                         meta.format_version(), "; this build reads version ",
                         kCatalogFormatVersion));
      }
      catalog->SetMeta(std::move(meta));
      have_meta = true;
    } else if (absl::StartsWith(key, "table/")) {
      storage::TableInfo info;
      if (!info.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        return corrupt();
      }
      catalog->PutTable(std::move(info));
    } else if (absl::StartsWith(key, "stream/")) {
      storage::StreamInfo info;
      if (!info.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        return corrupt();
      }
      catalog->PutStream(std::move(info));
    }
  }
  if (!it->status().ok()) return FromRocksDB(it->status(), "catalog load");
  if (!have_meta) {
    storage::CatalogMeta meta;
    meta.set_format_version(kCatalogFormatVersion);
    meta.set_next_table_id(1);
    meta.set_next_stream_id(1);
    catalog->SetMeta(std::move(meta));
  }
  return catalog;
}

std::shared_ptr<const TableState> Catalog::FindTable(
    const std::string& name) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::shared_ptr<const StreamState> Catalog::FindStream(
    uint64_t stream_id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = streams_.find(stream_id);
  return it == streams_.end() ? nullptr : it->second;
}

std::shared_ptr<const StreamState> Catalog::FindStreamByArn(
    const std::string& arn) const {
  absl::ReaderMutexLock lock(&mu_);
  auto id = stream_ids_by_arn_.find(arn);
  if (id == stream_ids_by_arn_.end()) return nullptr;
  auto it = streams_.find(id->second);
  return it == streams_.end() ? nullptr : it->second;
}

std::vector<std::string> Catalog::TableNames() const {
  std::vector<std::string> names;
  {
    absl::ReaderMutexLock lock(&mu_);
    names.reserve(tables_.size());
    for (const auto& [name, table] : tables_) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::shared_ptr<const StreamState>> Catalog::Streams() const {
  std::vector<std::shared_ptr<const StreamState>> streams;
  {
    absl::ReaderMutexLock lock(&mu_);
    for (const auto& [id, stream] : streams_) streams.push_back(stream);
  }
  std::sort(streams.begin(), streams.end(),
            [](const auto& a, const auto& b) { return a->arn < b->arn; });
  return streams;
}

storage::CatalogMeta Catalog::meta() const {
  absl::ReaderMutexLock lock(&mu_);
  return meta_;
}

void Catalog::PutTable(storage::TableInfo info) {
  auto state = std::make_shared<TableState>();
  state->key_schema = KeySchemaFromProto(info.key_schema());
  state->info = std::move(info);
  absl::MutexLock lock(&mu_);
  tables_[state->info.name()] = std::move(state);
}

void Catalog::RemoveTable(const std::string& name) {
  absl::MutexLock lock(&mu_);
  tables_.erase(name);
}

void Catalog::PutStream(storage::StreamInfo info) {
  auto state = std::make_shared<StreamState>();
  state->arn = StreamArn(info.table_name(), info.label());
  state->info = std::move(info);
  absl::MutexLock lock(&mu_);
  stream_ids_by_arn_[state->arn] = state->info.stream_id();
  streams_[state->info.stream_id()] = std::move(state);
}

void Catalog::SetMeta(storage::CatalogMeta meta) {
  absl::MutexLock lock(&mu_);
  meta_ = std::move(meta);
}

std::string Catalog::TableArn(const std::string& table_name) const {
  return absl::StrCat("arn:aws:dynamodb:", region_, ":", account_id_, ":table/",
                      table_name);
}

std::string Catalog::StreamArn(const std::string& table_name,
                               const std::string& label) const {
  return absl::StrCat(TableArn(table_name), "/stream/", label);
}

}  // namespace tablestream
