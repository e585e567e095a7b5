// Copyright 2026 The tablestream Authors.

#include "stream/consumer_registry.h"

#include "absl/strings/str_cat.h"
#include "stream/consumer_keys.h"
#include "tablestream/errors.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {

absl::StatusOr<std::unique_ptr<ConsumerRegistry>> ConsumerRegistry::Load(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
  std::map<Key, ConsumerState> loaded;
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), cf));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    const std::string_view value(it->value().data(), it->value().size());
    if (std::optional<std::string> name = ParseConsumerKey(key)) {
      storage::ConsumerInfo info;
      if (!info.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        return MakeError(kInternalServerError,
                         absl::StrCat("corrupt consumer record ", *name));
      }
      const uint64_t stream_id = DecodeStreamId(key);
      loaded[{stream_id, *name}].info = std::move(info);
    } else if (std::optional<CheckpointKeyParts> parts =
                   ParseCheckpointKey(key)) {
      storage::CheckpointInfo checkpoint;
      if (!checkpoint.ParseFromArray(value.data(),
                                     static_cast<int>(value.size()))) {
        return MakeError(kInternalServerError,
                         absl::StrCat("corrupt checkpoint of ", parts->name));
      }
      loaded[{parts->stream_id, parts->name}].positions[parts->shard_ordinal] =
          checkpoint.next_sequence();
    } else {
      return MakeError(kInternalServerError,
                       "malformed key in the checkpoints column family");
    }
  }
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(it->status(), "checkpoints scan"));
  auto registry = std::make_unique<ConsumerRegistry>();
  absl::MutexLock lock(&registry->mu_);
  for (auto& [key, state] : loaded) {
    // Checkpoints without their consumer record cannot be left by the
    // mutations (they write and delete both in one batch); skip them.
    if (state.info.name().empty()) continue;
    registry->consumers_[key] =
        std::make_shared<const ConsumerState>(std::move(state));
  }
  return registry;
}

std::shared_ptr<const ConsumerState> ConsumerRegistry::Find(
    uint64_t stream_id, const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = consumers_.find({stream_id, name});
  return it == consumers_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const ConsumerState>> ConsumerRegistry::List(
    uint64_t stream_id) const {
  absl::MutexLock lock(&mu_);
  std::vector<std::shared_ptr<const ConsumerState>> out;
  for (auto it = consumers_.lower_bound({stream_id, ""});
       it != consumers_.end() && it->first.first == stream_id; ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::optional<uint64_t> ConsumerRegistry::MinPosition(
    uint64_t stream_id, const storage::ShardInfo& shard) const {
  absl::MutexLock lock(&mu_);
  std::optional<uint64_t> least;
  for (auto it = consumers_.lower_bound({stream_id, ""});
       it != consumers_.end() && it->first.first == stream_id; ++it) {
    const uint64_t position = it->second->Position(shard);
    if (!least || position < *least) least = position;
  }
  return least;
}

void ConsumerRegistry::Put(uint64_t stream_id, ConsumerState state) {
  std::string name = state.info.name();
  auto shared = std::make_shared<const ConsumerState>(std::move(state));
  absl::MutexLock lock(&mu_);
  consumers_[{stream_id, std::move(name)}] = std::move(shared);
}

void ConsumerRegistry::Remove(uint64_t stream_id, const std::string& name) {
  absl::MutexLock lock(&mu_);
  consumers_.erase({stream_id, name});
}

}  // namespace tablestream
